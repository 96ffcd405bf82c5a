using System.Net;
using System.Net.Http.Json;
using Refunds.Dashboard.Tests.Support;
using static Refunds.Dashboard.Tests.Support.ApiFactory;

namespace Refunds.Dashboard.Tests.Dashboard.Endpoints;

public class ProcessRefundsApiTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task The_checker_confirms_a_refund_with_CONFIRMED_and_it_becomes_APPROVED()
    {
        var refund = await api.RefundAsync(await api.PaymentAsync());

        var response = await (await api.Checker()).PutAsJsonAsync("/payouts/refunds", new[] { new { refund_id = refund, status = "CONFIRMED" } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var decision = (await Json(response))[0]!;
        Assert.Equal((refund, "APPROVED", "integration-checker"),
            (decision["refund_id"]!.GetValue<Guid>(), decision["status"]!.GetValue<string>(), decision["actioned_by"]!.GetValue<string>()));
        Assert.NotNull(decision["actioned_at"]);
    }

    [Fact]
    public async Task The_checker_rejects_with_a_note_and_the_amount_is_released()
    {
        var payment = await api.PaymentAsync(50m);
        var refund = await api.RefundAsync(payment, 50m);

        var response = await (await api.Checker()).PutAsJsonAsync("/payouts/refunds", new[] { new { refund_id = refund, status = "REJECTED", note = "Chargeback already paid" } });

        Assert.Equal("REJECTED", (await Json(response))[0]!["status"]!.GetValue<string>());
        var detail = await Json(await (await api.Checker()).GetAsync($"/payouts/refunds/{refund}"));
        Assert.Equal("Chargeback already paid", detail["refund"]!["decision_note"]!.GetValue<string>());
        var paymentJson = await Json(await (await api.Maker()).GetAsync($"/payments/{payment}"));
        Assert.Equal(50m, paymentJson["payment"]!["refundable_amount"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task A_client_cannot_approve_its_own_refund()
    {
        var refund = await api.RefundAsync(await api.PaymentAsync(), client: "integration-both");

        var response = await (await api.As("integration-both")).PutAsJsonAsync("/payouts/refunds", new[] { new { refund_id = refund, status = "APPROVED" } });

        await AssertError(response, HttpStatusCode.Forbidden, "MAKER_CHECKER_VIOLATION");
    }

    [Fact]
    public async Task A_second_decision_is_a_409_INVALID_STATUS_TRANSITION()
    {
        var refund = await api.RefundAsync(await api.PaymentAsync());
        await (await api.Checker()).PutAsJsonAsync("/payouts/refunds", new[] { new { refund_id = refund, status = "APPROVED" } });

        var response = await (await api.As("integration-both")).PutAsJsonAsync("/payouts/refunds", new[] { new { refund_id = refund, status = "REJECTED" } });

        await AssertError(response, HttpStatusCode.Conflict, "INVALID_STATUS_TRANSITION");
    }

    [Fact]
    public async Task Deciding_an_unknown_refund_is_a_404()
    {
        var response = await (await api.Checker()).PutAsJsonAsync("/payouts/refunds", new[] { new { refund_id = Guid.NewGuid(), status = "APPROVED" } });

        await AssertError(response, HttpStatusCode.NotFound, "REFUND_NOT_FOUND");
    }

    [Theory]
    [InlineData("CREATED")]
    [InlineData("CANCELLED")]
    [InlineData("DONE")]
    public async Task A_decision_status_other_than_approve_or_reject_is_a_400(string status)
    {
        var refund = await api.RefundAsync(await api.PaymentAsync());

        var response = await (await api.Checker()).PutAsJsonAsync("/payouts/refunds", new[] { new { refund_id = refund, status } });

        await AssertError(response, HttpStatusCode.BadRequest, "INVALID_STATUS");
    }

    [Fact]
    public async Task One_refused_decision_leaves_the_others_undecided()
    {
        var good = await api.RefundAsync(await api.PaymentAsync());
        var own = await api.RefundAsync(await api.PaymentAsync(), client: "integration-both");

        var response = await (await api.As("integration-both")).PutAsJsonAsync("/payouts/refunds", new[]
        {
            new { refund_id = good, status = "APPROVED" },
            new { refund_id = own, status = "APPROVED" },
        });

        var body = await AssertError(response, HttpStatusCode.Forbidden, "MAKER_CHECKER_VIOLATION");
        Assert.Equal(1, body["errors"]![0]!["index"]!.GetValue<int>());
        Assert.Equal("CREATED", (await Json(await (await api.Checker()).GetAsync($"/payouts/refunds/{good}")))["refund"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Deciding_needs_the_refunds_approve_scope()
    {
        var refund = await api.RefundAsync(await api.PaymentAsync());

        var response = await (await api.Maker()).PutAsJsonAsync("/payouts/refunds", new[] { new { refund_id = refund, status = "APPROVED" } });

        await AssertError(response, HttpStatusCode.Forbidden, "OPERATION_NOT_ALLOWED");
    }
}
