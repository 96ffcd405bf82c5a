using System.Net;
using System.Net.Http.Json;
using Refunds.Dashboard.Tests.Support;
using static Refunds.Dashboard.Tests.Support.ApiFactory;

namespace Refunds.Dashboard.Tests.Dashboard.Endpoints;

public class RefundDetailApiTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task A_refund_comes_with_its_timeline_oldest_first()
    {
        var refund = await api.RefundAsync(await api.PaymentAsync());
        await (await api.Checker()).PutAsJsonAsync("/payouts/refunds", new[] { new { refund_id = refund, status = "APPROVED", note = "ok" } });

        var detail = await Json(await (await api.Checker()).GetAsync($"/payouts/refunds/{refund}"));

        var timeline = detail["timeline"]!.AsArray();
        Assert.Equal([(null, "CREATED", "integration-maker"), ("CREATED", "APPROVED", "integration-checker")],
            timeline.Select(e => (e!["from"]?.GetValue<string>(), e["to"]!.GetValue<string>(), e["actor"]!.GetValue<string>())));
        Assert.NotNull(detail["refund"]!["refund_intent_id"]);
    }

    [Fact]
    public async Task An_unknown_refund_is_a_404_and_a_malformed_id_a_400()
    {
        var checker = await api.Checker();

        await AssertError(await checker.GetAsync($"/payouts/refunds/{Guid.NewGuid()}"), HttpStatusCode.NotFound, "REFUND_NOT_FOUND");
        await AssertError(await checker.GetAsync("/payouts/refunds/12345"), HttpStatusCode.BadRequest, "INVALID_REQUEST");
    }

    [Fact]
    public async Task The_maker_cancels_a_refund_awaiting_approval()
    {
        var payment = await api.PaymentAsync(30m);
        var refund = await api.RefundAsync(payment, 30m);

        var response = await (await api.Maker()).PostAsJsonAsync($"/payouts/refunds/{refund}/cancel", new { note = "Raised twice" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("CANCELLED", (await Json(response))["status"]!.GetValue<string>());
        Assert.Equal(30m, (await Json(await (await api.Maker()).GetAsync($"/payments/{payment}")))["payment"]!["refundable_amount"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task Cancelling_without_a_body_works()
    {
        var refund = await api.RefundAsync(await api.PaymentAsync());

        var response = await (await api.Maker()).PostAsync($"/payouts/refunds/{refund}/cancel", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Only_the_maker_may_cancel()
    {
        var refund = await api.RefundAsync(await api.PaymentAsync());

        var response = await (await api.As("integration-both")).PostAsJsonAsync($"/payouts/refunds/{refund}/cancel", new { });

        await AssertError(response, HttpStatusCode.Forbidden, "OPERATION_NOT_ALLOWED");
    }

    [Fact]
    public async Task A_decided_refund_cannot_be_cancelled()
    {
        var refund = await api.RefundAsync(await api.PaymentAsync());
        await (await api.Checker()).PutAsJsonAsync("/payouts/refunds", new[] { new { refund_id = refund, status = "REJECTED" } });

        await AssertError(await (await api.Maker()).PostAsJsonAsync($"/payouts/refunds/{refund}/cancel", new { }), HttpStatusCode.Conflict, "INVALID_STATUS_TRANSITION");
    }

    [Fact]
    public async Task The_reason_codes_are_Leans_four()
    {
        var reasons = await Json(await (await api.Checker()).GetAsync("/payouts/refunds/reasons"));

        Assert.Equal(["CUSTOMER_REQUEST", "DUPLICATED_PAYMENT", "FRAUDULENT_PAYMENT", "ORDER_CANCELLED"], reasons.AsArray().Select(r => r!["code"]!.GetValue<string>()));
        Assert.Equal("Requested by the client", reasons[0]!["description"]!.GetValue<string>());
    }
}
