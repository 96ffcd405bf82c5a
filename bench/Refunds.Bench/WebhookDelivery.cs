using System.Text.Json.Nodes;

namespace Refunds.Bench;

/// <summary>
/// Figure 11: webhooks. With one endpoint registered (a receiver on this machine that answers 200 at once),
/// a burst of refunds is created, four batch requests at a time, and each <c>refund.created</c> event is
/// timed from the change's timestamp (stamped in its transaction, just before the commit, so the figure errs
/// high) to its arrival; then figure 1's load runs again with the endpoint registered, and is compared with
/// figure 1 without it. The endpoint is switched off afterwards, so later figures run without it.
/// </summary>
public static class WebhookDelivery
{
    private const int BatchSize = 1_000;
    private const int BatchesAtOnce = 4;

    public static async Task RunAsync(AppProcess app, RefundsApi maker, Sizes sizes, long firstPayment, WrkResult withoutEndpoint, Report report)
    {
        using var receiver = new WebhookListener();
        var endpoint = await maker.SendAsync(HttpMethod.Post, "/webhooks/endpoints", new { url = receiver.Url, description = "bench receiver" });
        try
        {
            await BurstAsync(receiver, maker, sizes, firstPayment, report);
            var run = await CreateThroughput.MeasureAsync(app, maker, sizes, firstPayment + sizes.WebhookEvents);
            var ratio = 100 * run.RequestsPerSecond / withoutEndpoint.RequestsPerSecond;
            report.Add(new Figure("11.create_ratio", "Webhooks: figure 1 with one endpoint ÷ without", ratio, "%", "≥ 90 %", ratio >= 90,
                $"{Report.Format(run.RequestsPerSecond)} ÷ {Report.Format(withoutEndpoint.RequestsPerSecond)} req/s, p99 {WrkResult.Ms(run.P99Us):0.#} ms, " +
                $"{run.Errors} errors; figure 1's load, every refund.created delivered to the receiver meanwhile"));
        }
        finally
        {
            await maker.SendAsync(HttpMethod.Patch, $"/webhooks/endpoints/{endpoint["endpoint_id"]}", new { enabled = false });
        }
    }

    private static async Task BurstAsync(WebhookListener receiver, RefundsApi maker, Sizes sizes, long firstPayment, Report report)
    {
        var batches = Enumerable.Range(0, (sizes.WebhookEvents + BatchSize - 1) / BatchSize)
            .Select(b => (First: firstPayment + (long)b * BatchSize, Count: Math.Min(BatchSize, sizes.WebhookEvents - b * BatchSize)));
        var started = DateTimeOffset.UtcNow;
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = BatchesAtOnce }, async (batch, _) =>
        {
            var items = new JsonArray();
            for (var n = batch.First; n < batch.First + batch.Count; n++)
                items.Add(new JsonObject { ["payment_id"] = Seeder.PaymentId(n), ["amount"] = 1.00m, ["reason_code"] = "CUSTOMER_REQUEST" });
            await maker.SendAsync(HttpMethod.Post, "/payouts/refunds", items);
        });
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (receiver.Received.Select(m => m.Id).Distinct().Count() < sizes.WebhookEvents)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Only {receiver.Received.Count} of {sizes.WebhookEvents} webhooks arrived within 3 minutes.");
            await Task.Delay(50);
        }

        var firsts = receiver.Received.GroupBy(m => m.Id).Select(g => g.MinBy(m => m.ArrivedAt)!).ToList();
        var elapsed = firsts.Max(m => m.ArrivedAt) - started;
        var rate = firsts.Count / elapsed.TotalSeconds;
        var latencies = firsts.Select(m => (m.ArrivedAt - m.OccurredAt).TotalMilliseconds).Order().ToList();
        var p95 = latencies[(int)Math.Ceiling(0.95 * latencies.Count) - 1];
        var conditions = $"{firsts.Count:N0} refund.created events from {firsts.Count / BatchSize + (firsts.Count % BatchSize > 0 ? 1 : 0)} batch creates of up to {BatchSize:N0}, " +
            $"{BatchesAtOnce} at a time; one endpoint, a local receiver answering 200 at once; {receiver.Received.Count - firsts.Count} duplicates";
        report.Add(new Figure("11.rate", "Webhooks: deliveries per second", rate, "deliveries/s", "≥ 1,000", rate >= 1000,
            conditions + $"; first request to last arrival {elapsed.TotalSeconds:0.##} s"));
        report.Add(new Figure("11.p95", "Webhooks: commit → delivery p95", p95, "ms", "< 500 ms", p95 < 500,
            conditions + $"; p50 {latencies[latencies.Count / 2]:0.#} ms, max {latencies[^1]:0.#} ms"));
    }
}
