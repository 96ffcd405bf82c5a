using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Refunds.Dashboard.Tests.Support;
using static Refunds.Dashboard.Tests.Support.ApiFactory;

namespace Refunds.Dashboard.Tests.Dashboard.Endpoints;

/// <summary>Each test works in a currency of its own, so the shared database's other refunds never count.</summary>
public class RefundAnalyticsApiTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static readonly string Today = DateTime.UtcNow.ToString("yyyy-MM-dd");
    private static readonly string Tomorrow = DateTime.UtcNow.AddDays(1).ToString("yyyy-MM-dd");

    private async Task<HttpResponseMessage> Get(string query) => await (await api.Checker()).GetAsync($"/analytics/refunds?{query}");

    [Fact]
    public async Task Gives_the_figures_of_the_period_in_one_currency_in_the_documented_shape()
    {
        var payment = await api.PaymentAsync(100m, "OMR");
        await api.RefundAsync(payment, 10m, currency: "OMR");
        var approved = await api.RefundAsync(payment, 20m, currency: "OMR");
        await api.ApproveAsync(approved);

        var response = await Get($"from={Today}&to={Tomorrow}&currency=OMR");
        var body = await Json(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        string[] keys = ["from", "to", "currency", "created", "paid_out", "refund_rate", "approval_rate", "time_to_decision", "time_to_payout",
            "failed", "awaiting_approval", "daily", "by_reason", "payments_received"];
        Assert.Equal(keys, body.AsObject().Select(p => p.Key));
        Assert.Equal($"{Today}T00:00:00Z", body["from"]!.GetValue<string>());
        Assert.Equal("OMR", body["currency"]!.GetValue<string>());
        Assert.Equal((2L, 30m), (body["created"]!["count"]!.GetValue<long>(), body["created"]!["amount"]!.GetValue<decimal>()));
        Assert.Equal((0L, 0m), (body["paid_out"]!["count"]!.GetValue<long>(), body["paid_out"]!["amount"]!.GetValue<decimal>()));
        // Nothing paid out of the 100 OMR received.
        Assert.Equal(0m, body["refund_rate"]!.GetValue<decimal>());
        Assert.Equal(1m, body["approval_rate"]!.GetValue<decimal>());
        Assert.NotNull(body["time_to_decision"]!["p50_seconds"]);
        Assert.Null(body["time_to_payout"]!["p90_seconds"]);
        Assert.Equal(["count", "amount", "top_reasons"], body["failed"]!.AsObject().Select(p => p.Key));
        Assert.Equal((1L, 10m), (body["awaiting_approval"]!["count"]!.GetValue<long>(), body["awaiting_approval"]!["amount"]!.GetValue<decimal>()));
        Assert.EndsWith("Z", body["awaiting_approval"]!["oldest_created_at"]!.GetValue<string>());
        var day = Assert.Single(body["daily"]!.AsArray())!;
        Assert.Equal(Today, day["date"]!.GetValue<string>());
        Assert.Equal((1L, 1L, 0L), (day["by_status"]!["CREATED"]!.GetValue<long>(), day["by_status"]!["APPROVED"]!.GetValue<long>(),
            day["by_status"]!["ACCEPTED_BY_BANK"]!.GetValue<long>()));
        var reason = Assert.Single(body["by_reason"]!.AsArray())!;
        Assert.Equal(("CUSTOMER_REQUEST", 2L, 30m), (reason["reason_code"]!.GetValue<string>(), reason["count"]!.GetValue<long>(), reason["amount"]!.GetValue<decimal>()));
    }

    [Fact]
    public async Task Takes_times_as_well_as_dates()
    {
        var from = DateTime.UtcNow.AddHours(-1).ToString("yyyy-MM-ddTHH:mm:ssZ");
        var to = DateTime.UtcNow.AddHours(1).ToString("yyyy-MM-ddTHH:mm:ssZ");
        var payment = await api.PaymentAsync(100m, "JOD");
        await api.RefundAsync(payment, 10m, currency: "JOD");

        var body = await Json(await Get($"from={from}&to={to}&currency=JOD"));

        Assert.Equal(1L, body["created"]!["count"]!.GetValue<long>());
    }

    [Theory]
    [InlineData("from=2026-11-01&to=2026-11-02", "INVALID_REQUEST")]
    [InlineData("to=2026-11-02&currency=AED", "INVALID_REQUEST")]
    [InlineData("from=2026-11-01&to=2026-11-01&currency=AED", "INVALID_REQUEST")]
    [InlineData("from=yesterday&to=2026-11-02&currency=AED", "INVALID_REQUEST")]
    [InlineData("from=2026-11-01&to=2026-11-02&currency=XYZ", "INVALID_CURRENCY")]
    public async Task Refuses_a_missing_or_invalid_period_or_currency(string query, string code)
    {
        await AssertError(await Get(query), HttpStatusCode.BadRequest, code);
    }

    [Fact]
    public async Task Needs_a_token_with_refunds_read()
    {
        var paymentsOnly = api.ApiClient(await api.TokenAsync("integration-maker", "payments:read"));

        await AssertError(await api.CreateClient().GetAsync($"/analytics/refunds?from={Today}&to={Tomorrow}&currency=AED"), HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        await AssertError(await paymentsOnly.GetAsync($"/analytics/refunds?from={Today}&to={Tomorrow}&currency=AED"), HttpStatusCode.Forbidden, "OPERATION_NOT_ALLOWED");
    }

    [Fact]
    public async Task Is_in_the_OpenAPI_document()
    {
        var document = await Json(await api.CreateClient().GetAsync("/openapi/v1.json"));

        Assert.Equal("getRefundAnalytics", document["paths"]!["/analytics/refunds"]!["get"]!["operationId"]!.GetValue<string>());
        Assert.NotNull(document["components"]!["schemas"]!["RefundAnalyticsJson"]);
    }
}
