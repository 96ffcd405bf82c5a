using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Refunds.Core.Refunds;
using Refunds.Dashboard.Tests.Support;
using static Refunds.Dashboard.Tests.Dashboard.Endpoints.AdminRefunds.CreateAdminRefundApiTests;
using static Refunds.Dashboard.Tests.Support.ApiFactory;

namespace Refunds.Dashboard.Tests.Dashboard.Endpoints.RefundInitiation;

/// <summary>Seed 003: <c>POST /v1/refunds/initiate</c> on the engine.</summary>
public class InitiateRefundApiTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string Path = "/v1/refunds/initiate";

    /// <summary>Asserts seed 003's error envelope <c>{statusCode, success: false, message}</c> and the status; returns the message.</summary>
    public static async Task<string> AssertInitiationError(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode} {text}");
        var body = JsonNode.Parse(text)!.AsObject();
        Assert.Equal(["message", "statusCode", "success"], body.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal(((int)status, false), (body["statusCode"]!.GetValue<int>(), body["success"]!.GetValue<bool>()));
        return body["message"]!.GetValue<string>();
    }

    private async Task<HttpResponseMessage> InitiateAsync(object body, string client = "integration-maker") =>
        await (await api.As(client)).PostAsJsonAsync(Path, body);

    private async Task<JsonNode> StatusAsync(Guid refundId) =>
        (await Json(await (await api.Checker()).GetAsync($"/v1/refunds/{refundId}/status")))["refund"]!;

    [Fact]
    public async Task Initiate_returns_201_in_the_seeds_envelope()
    {
        var payment = await api.PaymentAsync(50m);

        var response = await InitiateAsync(new { transactionId = payment, amount = 25.0m, reason = "Customer changed mind", refundType = "partial" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await Json(response);
        Assert.Equal((201, true, "Refund initiated successfully", "pending"),
            (body["statusCode"]!.GetValue<int>(), body["success"]!.GetValue<bool>(), body["message"]!.GetValue<string>(), body["data"]!["status"]!.GetValue<string>()));
        Assert.False(string.IsNullOrWhiteSpace(body["data"]!["estimatedProcessingTime"]!.GetValue<string>()));
        var lean = await api.LeanRefundAsync(body["data"]!["refundId"]!.GetValue<Guid>());
        Assert.Equal((25m, "CUSTOMER_REQUEST", "Customer changed mind"),
            (lean["amount"]!.GetValue<decimal>(), lean["reason_code"]!.GetValue<string>(), lean["description"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("70")]
    public async Task Initiate_full_with_no_amount_or_the_remaining_amount_refunds_everything_still_refundable(string? amount)
    {
        var payment = await api.PaymentAsync(100m);
        await api.RefundAsync(payment, 30m);

        var response = await InitiateAsync(new { transactionId = payment, amount = amount is null ? (decimal?)null : decimal.Parse(amount), reason = "duplicate", refundType = "full" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var refund = await StatusAsync((await Json(response))["data"]!["refundId"]!.GetValue<Guid>());
        Assert.Equal((70m, 100m, "full"), (refund["amount"]!.GetValue<decimal>(), refund["originalAmount"]!.GetValue<decimal>(), refund["refundType"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Initiate_accepts_a_payments_merchant_reference_as_transactionId()
    {
        var (payment, charge) = await api.ChargeAsync(100m);

        var response = await InitiateAsync(new { transactionId = charge, amount = 5m, reason = "fraud", refundType = "partial" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(payment, (await StatusAsync((await Json(response))["data"]!["refundId"]!.GetValue<Guid>()))["originalTransactionId"]!.GetValue<Guid>());
    }

    [Fact]
    public async Task Initiate_returns_400_with_the_seeds_message_when_the_amount_exceeds_what_is_refundable()
    {
        var payment = await api.PaymentAsync(50m);

        var message = await AssertInitiationError(await InitiateAsync(new { transactionId = payment, amount = 50.01m, reason = "x", refundType = "partial" }),
            HttpStatusCode.BadRequest);

        Assert.Equal("Refund amount cannot exceed original transaction amount", message);
    }

    [Fact]
    public async Task Initiate_returns_404_with_the_seeds_message_for_an_unknown_transaction()
    {
        var message = await AssertInitiationError(await InitiateAsync(new { transactionId = Guid.NewGuid(), amount = 1m, reason = "x", refundType = "partial" }),
            HttpStatusCode.NotFound);

        Assert.Equal("Original transaction not found", message);
    }

    [Fact]
    public async Task Initiate_returns_409_with_the_seeds_message_when_the_transaction_is_fully_refunded()
    {
        var payment = await api.PaymentAsync(10m);
        await api.RefundAsync(payment, 10m);

        var message = await AssertInitiationError(await InitiateAsync(new { transactionId = payment, reason = "x", refundType = "full" }),
            HttpStatusCode.Conflict);

        Assert.Equal("Transaction has already been fully refunded", message);
    }

    public static TheoryData<string> InvalidBodies() => new()
    {
        // full must be everything still refundable; partial must be less
        "{\"transactionId\": \"{PAYMENT}\", \"amount\": 10, \"reason\": \"x\", \"refundType\": \"full\"}",
        "{\"transactionId\": \"{PAYMENT}\", \"amount\": 100, \"reason\": \"x\", \"refundType\": \"partial\"}",
        "{\"transactionId\": \"{PAYMENT}\", \"reason\": \"x\", \"refundType\": \"partial\"}",
        "{\"transactionId\": \"{PAYMENT}\", \"amount\": 10, \"reason\": \"x\", \"refundType\": \"half\"}",
        "{\"transactionId\": \"{PAYMENT}\", \"amount\": 10, \"reason\": \"x\"}",
        "{\"transactionId\": \"{PAYMENT}\", \"amount\": 10, \"refundType\": \"partial\"}",
        "{\"amount\": 10, \"reason\": \"x\", \"refundType\": \"partial\"}",
        "{\"transactionId\": \"{PAYMENT}\", \"amount\": \"10\", \"reason\": \"x\", \"refundType\": \"partial\"}",
        "{\"transactionId\": \"{PAYMENT}\", \"amount\": 10.001, \"reason\": \"x\", \"refundType\": \"partial\"}",
        "{\"transactionId\": \"{PAYMENT}\", \"amount\": -1, \"reason\": \"x\", \"refundType\": \"partial\"}",
        "{\"transactionId\": \"{PAYMENT}\", \"amount\": 10, \"reason\": \"x\", \"refundType\": \"partial\", \"metadata\": [1]}",
        "{\"transactionId\": \"{PAYMENT}\", \"amount\": 10, \"reason\": \"x\", \"refundType\": \"partial\", \"metadata\": \"text\"}",
        "{\"transactionId\": \"{UNRECONCILED}\", \"amount\": 10, \"reason\": \"x\", \"refundType\": \"partial\"}",
        "[]",
        "{\"transactionId\": ",
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task Initiate_returns_400_for_invalid_input_and_writes_nothing(string body)
    {
        var payment = await api.PaymentAsync(100m);
        var unreconciled = await api.PaymentAsync(100m, reconciled: false);
        var before = await api.RefundCountAsync();

        var response = await (await api.Maker()).PostAsync(Path, Raw(body.Replace("{PAYMENT}", payment.ToString()).Replace("{UNRECONCILED}", unreconciled.ToString())));

        await AssertInitiationError(response, HttpStatusCode.BadRequest);
        Assert.Equal(before, await api.RefundCountAsync());
    }

    [Fact]
    public async Task Initiate_refuses_metadata_larger_than_4_KB_with_400()
    {
        var payment = await api.PaymentAsync(100m);

        var response = await InitiateAsync(new { transactionId = payment, amount = 1m, reason = "x", refundType = "partial", metadata = new { blob = new string('x', 4100) } });

        await AssertInitiationError(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Initiate_returns_401_in_the_seeds_envelope_without_a_token()
    {
        await AssertInitiationError(await api.CreateClient().PostAsJsonAsync(Path, new { }), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Initiate_returns_403_in_the_seeds_envelope_without_the_refunds_write_scope()
    {
        await AssertInitiationError(await InitiateAsync(new { }, "integration-checker"), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Bare_404_405_and_415_on_its_paths_answer_in_the_seeds_envelope()
    {
        var maker = await api.Maker();

        await AssertInitiationError(await maker.GetAsync("/v1/refunds/nothing/here/at/all"), HttpStatusCode.NotFound);
        await AssertInitiationError(await maker.PutAsync(Path, Raw("{}")), HttpStatusCode.MethodNotAllowed);
        await AssertInitiationError(await maker.PostAsync(Path, Raw("transactionId=1", "text/plain")), HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task A_refund_initiated_here_is_in_the_Lean_list_and_the_dashboards_data_with_the_maker_as_initiatedBy()
    {
        var payment = await api.PaymentAsync(100m);
        var created = await Json(await InitiateAsync(new { transactionId = payment, amount = 10m, reason = "x", refundType = "partial" }));
        var refundId = created["data"]!["refundId"]!.GetValue<Guid>();

        var list = await Json(await (await api.Checker()).GetAsync($"/payouts/refunds?payment_id={payment}"));
        var fromDashboard = await api.Services.GetRequiredService<RefundQueries>().FindAsync(DashboardViewer, refundId);

        Assert.Equal([refundId], list["content"]!.AsArray().Select(r => r!["refund_id"]!.GetValue<Guid>()));
        Assert.Equal(("integration-maker", RefundStatus.Created, RefundKind.Partial), (fromDashboard!.CreatedBy, fromDashboard.Status, fromDashboard.Kind));
        Assert.Equal("integration-maker", (await StatusAsync(refundId))["initiatedBy"]!.GetValue<string>());
    }
}
