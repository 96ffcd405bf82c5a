using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Refunds.Dashboard.Tests.Support;
using static Refunds.Dashboard.Tests.Support.ApiFactory;

namespace Refunds.Dashboard.Tests.Dashboard.Endpoints;

/// <summary>Refunds made on the seed surfaces are paid out like any other, and each surface reports it in its own words.</summary>
public class SeedSurfacesPayoutTests(ApiFactory.Paying api) : IClassFixture<ApiFactory.Paying>
{
    private async Task<JsonNode> UntilAsync(Func<Task<JsonNode>> read, Func<JsonNode, bool> done)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
            var node = await read();
            if (done(node)) return node;
            await Task.Delay(100, timeout.Token);
        }
    }

    [Fact]
    public async Task A_paid_out_admin_refund_is_succeeded_and_carries_the_banks_reference_as_stripe_refund_id()
    {
        var customer = $"CUST-{Guid.NewGuid():N}";
        var (_, charge) = await api.ChargeAsync(100m, customerId: customer);
        var created = await Json(await (await api.Maker()).PostAsJsonAsync("/v1/admin/refunds", new { charge_id = charge, amount_cents = 500 }));
        var refundId = created["refund_id"]!.GetValue<Guid>();

        await api.ApproveAsync(refundId);

        var listed = await UntilAsync(
            async () => (await Json(await (await api.Checker()).GetAsync($"/v1/admin/refunds?customer_id={customer}")))["refunds"]![0]!,
            r => r["status"]!.GetValue<string>() != "pending");
        Assert.Equal("succeeded", listed["status"]!.GetValue<string>());
        Assert.Equal((await api.LeanRefundAsync(refundId))["bank_reference"]!.GetValue<string>(), listed["stripe_refund_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_paid_out_initiated_refund_is_completed_with_a_processedAt()
    {
        var payment = await api.PaymentAsync(50m);
        var created = await (await api.Maker()).PostAsJsonAsync("/v1/refunds/initiate", new { transactionId = payment, reason = "x", refundType = "full" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var refundId = (await Json(created))["data"]!["refundId"]!.GetValue<Guid>();

        await api.ApproveAsync(refundId);

        var refund = await UntilAsync(
            async () => (await Json(await (await api.Checker()).GetAsync($"/v1/refunds/{refundId}/status")))["refund"]!,
            r => r["status"]!.GetValue<string>() is not ("pending" or "processing"));
        Assert.Equal("completed", refund["status"]!.GetValue<string>());
        Assert.NotNull(refund["processedAt"]);
    }
}
