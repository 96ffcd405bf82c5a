using System.Net;
using System.Text.Json.Nodes;
using Refunds.Dashboard.Tests.Support;

namespace Refunds.Dashboard.Tests.Dashboard.Endpoints;

/// <summary>The served OpenAPI document keeps the seed's paths and Lean's operationIds.</summary>
public class OpenApiContractTests(DashboardFactory app) : IClassFixture<DashboardFactory>
{
    [Fact]
    public async Task The_document_keeps_Leans_paths_operation_ids_and_bearer_scheme()
    {
        var response = await app.CreateClient().GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var paths = document["paths"]!;

        Assert.Equal("listRefunds", paths["/payouts/refunds"]!["get"]!["operationId"]!.GetValue<string>());
        Assert.Equal("createRefund", paths["/payouts/refunds"]!["post"]!["operationId"]!.GetValue<string>());
        Assert.Equal("processRefunds", paths["/payouts/refunds"]!["put"]!["operationId"]!.GetValue<string>());
        Assert.Equal("getRefundReasons", paths["/payouts/refunds/reasons"]!["get"]!["operationId"]!.GetValue<string>());
        Assert.Equal("bearer", document["components"]!["securitySchemes"]!["BearerAuth"]!["scheme"]!.GetValue<string>());
        Assert.NotNull(paths["/payouts/refunds"]!["post"]!["requestBody"]);
    }

    [Fact]
    public async Task The_interactive_reference_is_served_at_api_docs()
    {
        var client = app.CreateClient();

        var page = await client.GetAsync("/api-docs/");
        var script = await client.GetAsync("/api-docs/scalar.js");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("openapi/v1.json", await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
    }
}
