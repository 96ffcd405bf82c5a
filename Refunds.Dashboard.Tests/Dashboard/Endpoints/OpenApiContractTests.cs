using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Refunds.Core;
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
        Assert.Equal("CUSTOMER_REQUEST",
            paths["/payouts/refunds"]!["post"]!["requestBody"]!["content"]!["application/json"]!["example"]![0]!["reason_code"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("/v1/admin/refunds", "post", "Admin refunds")]
    [InlineData("/v1/admin/refunds", "get", "Admin refunds")]
    [InlineData("/v1/refunds/initiate", "post", "Refund initiation")]
    [InlineData("/v1/refunds/{refundId}/status", "get", "Refund initiation")]
    public async Task The_document_lists_each_seed_surface_under_its_own_tag(string path, string method, string tag)
    {
        var document = JsonNode.Parse(await app.CreateClient().GetStringAsync("/openapi/v1.json"))!;

        var operation = document["paths"]![path]![method]!;

        Assert.Equal([tag], operation["tags"]!.AsArray().Select(t => t!.GetValue<string>()));
    }

    [Fact]
    public async Task The_document_describes_seed_003_in_its_own_field_names()
    {
        var document = JsonNode.Parse(await app.CreateClient().GetStringAsync("/openapi/v1.json"))!;

        var schema = document["components"]!["schemas"]!["RefundStatusRefundJson"]!["properties"]!.AsObject();

        Assert.Contains("originalTransactionId", schema.Select(p => p.Key));
        Assert.Contains("estimatedProcessingTime", document["components"]!["schemas"]!["InitiatedRefundDataJson"]!["properties"]!.AsObject().Select(p => p.Key));
    }

    [Theory]
    [InlineData("/payouts/refunds")]
    [InlineData("/v1/admin/refunds")]
    [InlineData("/v1/refunds/initiate")]
    public async Task The_document_lists_the_Idempotency_Key_header_on_each_create(string path)
    {
        var document = JsonNode.Parse(await app.CreateClient().GetStringAsync("/openapi/v1.json"))!;

        var parameters = document["paths"]![path]!["post"]!["parameters"]!.AsArray();

        Assert.Contains(parameters, p => p!["name"]!.GetValue<string>() == "Idempotency-Key" && p["in"]!.GetValue<string>() == "header");
    }

    [Fact]
    public async Task The_document_is_built_once_per_process_and_served_the_same_every_time()
    {
        var builds = 0;
        await using var counted = app.WithWebHostBuilder(host => host.ConfigureServices(services =>
            services.Configure<OpenApiOptions>("v1", o => o.AddDocumentTransformer((_, _, _) =>
            {
                Interlocked.Increment(ref builds);
                return Task.CompletedTask;
            }))));
        var client = counted.CreateClient();

        var first = await client.GetStringAsync("/openapi/v1.json");
        var second = await client.GetStringAsync("/openapi/v1.json");

        Assert.Equal(first, second);
        Assert.Equal(1, builds);
    }

    [Fact]
    public async Task The_document_gives_limits_from_InputLimits_and_the_batch_size_setting()
    {
        var document = JsonNode.Parse(await app.CreateClient().GetStringAsync("/openapi/v1.json"))!;
        var schemas = document["components"]!["schemas"]!;

        Assert.Equal(InputLimits.Description, schemas["CreateRefundItem"]!["properties"]!["description"]!["maxLength"]!.GetValue<int>());
        Assert.Equal(InputLimits.Note, schemas["ProcessRefundItem"]!["properties"]!["note"]!["maxLength"]!.GetValue<int>());
        Assert.Equal(InputLimits.AccountName, schemas["PayerAccountBody"]!["properties"]!["name"]!["maxLength"]!.GetValue<int>());
        Assert.Equal(InputLimits.DefaultBatchSize,
            document["paths"]!["/payouts/refunds"]!["post"]!["requestBody"]!["content"]!["application/json"]!["schema"]!["maxItems"]!.GetValue<int>());
        Assert.False(schemas["InitiateRefundBody"]!["additionalProperties"]!.GetValue<bool>());
        Assert.Contains("transactionId", schemas["InitiateRefundBody"]!["properties"]!.AsObject().Select(p => p.Key));
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
