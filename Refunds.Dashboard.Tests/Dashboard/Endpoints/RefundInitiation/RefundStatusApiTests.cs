using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Refunds.Dashboard.Tests.Support;
using static Refunds.Dashboard.Tests.Dashboard.Endpoints.RefundInitiation.InitiateRefundApiTests;
using static Refunds.Dashboard.Tests.Support.ApiFactory;

namespace Refunds.Dashboard.Tests.Dashboard.Endpoints.RefundInitiation;

/// <summary>Seed 003: <c>GET /v1/refunds/{refundId}/status</c> on the engine.</summary>
public class RefundStatusApiTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private async Task<Guid> InitiateAsync(Guid payment, object? metadata = null)
    {
        var response = await (await api.Maker()).PostAsJsonAsync("/v1/refunds/initiate",
            new { transactionId = payment, amount = 25.0m, reason = "Customer changed mind", refundType = "partial", metadata });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await Json(response))["data"]!["refundId"]!.GetValue<Guid>();
    }

    [Fact]
    public async Task Status_returns_200_with_the_seeds_fields_and_the_metadata_as_sent()
    {
        var payment = await api.PaymentAsync(50m);
        var refundId = await InitiateAsync(payment, new { orderId = "ORD-7", lines = new[] { 1, 2 }, nested = new { gift = true } });

        var response = await (await api.Checker()).GetAsync($"/v1/refunds/{refundId}/status");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Json(response);
        Assert.Equal((200, true, "Refund status retrieved successfully"),
            (body["statusCode"]!.GetValue<int>(), body["success"]!.GetValue<bool>(), body["message"]!.GetValue<string>()));
        var refund = body["refund"]!;
        Assert.Equal((refundId, payment, 25m, 50m, "AED", "pending", "partial"),
            (refund["refundId"]!.GetValue<Guid>(), refund["originalTransactionId"]!.GetValue<Guid>(), refund["amount"]!.GetValue<decimal>(),
                refund["originalAmount"]!.GetValue<decimal>(), refund["currency"]!.GetValue<string>(), refund["status"]!.GetValue<string>(),
                refund["refundType"]!.GetValue<string>()));
        Assert.Equal(("Customer changed mind", "integration-maker"), (refund["reason"]!.GetValue<string>(), refund["initiatedBy"]!.GetValue<string>()));
        Assert.Null(refund["processedAt"]);
        Assert.True(DateTimeOffset.TryParse(refund["createdAt"]!.GetValue<string>(), out _));
        Assert.True(DateTimeOffset.TryParse(refund["updatedAt"]!.GetValue<string>(), out _));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"orderId": "ORD-7", "lines": [1, 2], "nested": {"gift": true}}"""), refund["metadata"]));
    }

    [Theory]
    [InlineData("APPROVED", "processing")]
    [InlineData("REJECTED", "failed")]
    public async Task Status_shows_a_checkers_decision_in_the_seeds_words(string decision, string status)
    {
        var refundId = await InitiateAsync(await api.PaymentAsync(50m));

        await api.ApproveAsync(refundId, decision);

        var refund = (await Json(await (await api.Checker()).GetAsync($"/v1/refunds/{refundId}/status")))["refund"]!;
        Assert.Equal(status, refund["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Status_of_a_refund_its_maker_withdrew_is_cancelled_with_a_processedAt()
    {
        var refundId = await InitiateAsync(await api.PaymentAsync(50m));
        var cancel = await (await api.Maker()).PostAsync($"/payouts/refunds/{refundId}/cancel", null);
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);

        var refund = (await Json(await (await api.Checker()).GetAsync($"/v1/refunds/{refundId}/status")))["refund"]!;

        Assert.Equal("cancelled", refund["status"]!.GetValue<string>());
        Assert.NotNull(refund["processedAt"]);
    }

    [Theory]
    [InlineData("3f2a0c55-8d47-4a57-a9d6-2c4e7f0b1d22")]
    [InlineData("not-a-refund-id")]
    public async Task Status_returns_404_in_the_seeds_envelope_for_an_unknown_refund(string refundId)
    {
        var message = await AssertInitiationError(await (await api.Checker()).GetAsync($"/v1/refunds/{refundId}/status"), HttpStatusCode.NotFound);

        Assert.Equal("Refund not found", message);
    }

    [Fact]
    public async Task Status_returns_401_and_403_in_the_seeds_envelope()
    {
        var path = $"/v1/refunds/{Guid.NewGuid()}/status";

        await AssertInitiationError(await api.CreateClient().GetAsync(path), HttpStatusCode.Unauthorized);
        await AssertInitiationError(await api.ApiClient(await api.TokenAsync("integration-maker", "payments:read")).GetAsync(path), HttpStatusCode.Forbidden);
    }
}
