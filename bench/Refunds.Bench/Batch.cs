using System.Text.Json.Nodes;

namespace Refunds.Bench;

/// <summary>Figure 2: one POST creating a batch of refunds, then one PUT approving all of them, each timed end to end.</summary>
public static class Batch
{
    public static async Task RunAsync(RefundsApi maker, RefundsApi checker, Sizes sizes, long firstPayment, Report report)
    {
        // A small batch first: the decide path has not run in this process yet.
        await CreateAndDecideAsync(maker, checker, firstPayment, 10);
        var (created, decided) = await CreateAndDecideAsync(maker, checker, firstPayment + 10, sizes.BatchSize);
        var conditions = $"{sizes.BatchSize:N0} items, each on its own reconciled payment, one request, client-side wall clock";
        report.Add(new Figure("2.create", $"Batch: POST creating {sizes.BatchSize:N0} refunds", created.TotalMilliseconds, "ms", "< 1,000 ms",
            created.TotalMilliseconds < 1000, conditions));
        report.Add(new Figure("2.decide", $"Batch: PUT approving {sizes.BatchSize:N0} refunds", decided.TotalMilliseconds, "ms", "< 1,000 ms",
            decided.TotalMilliseconds < 1000, conditions + ", checker's token"));
    }

    private static async Task<(TimeSpan Created, TimeSpan Decided)> CreateAndDecideAsync(RefundsApi maker, RefundsApi checker, long firstPayment, int count)
    {
        var items = new JsonArray();
        for (var n = firstPayment; n < firstPayment + count; n++)
            items.Add(new JsonObject { ["payment_id"] = Seeder.PaymentId(n), ["amount"] = 1.00m, ["reason_code"] = "CUSTOMER_REQUEST" });
        var (refunds, created) = await maker.TimedSendAsync(HttpMethod.Post, "/payouts/refunds", items);

        var decisions = new JsonArray();
        foreach (var refund in refunds.AsArray())
            decisions.Add(new JsonObject { ["refund_id"] = refund!["refund_id"]!.GetValue<string>(), ["status"] = "APPROVED" });
        var (_, decided) = await checker.TimedSendAsync(HttpMethod.Put, "/payouts/refunds", decisions);
        return (created, decided);
    }
}
