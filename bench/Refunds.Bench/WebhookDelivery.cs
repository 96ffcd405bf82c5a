using System.Text.Json.Nodes;

namespace Refunds.Bench;

/// <summary>
/// Figure 11: webhooks. With one endpoint registered (a receiver on this machine that answers 200 at once),
/// a burst of refunds is created, four batch requests at a time, and each <c>refund.created</c> event is
/// timed from its commit, as a reader of the database file sees it (<see cref="CommitWatch"/>), to its arrival;
/// then figure 1's load runs again with the endpoint registered, and is compared with figure 1 without it
/// (its own run and one just after). The endpoint is switched off afterwards, so later figures run without it.
/// </summary>
public static class WebhookDelivery
{
    private const int BatchSize = 1_000;
    private const int BatchesAtOnce = 4;

    public static async Task RunAsync(AppProcess app, string database, RefundsApi maker, Sizes sizes, long firstPayment, WrkResult withoutEndpoint,
        Report report)
    {
        using var receiver = new WebhookListener();
        var endpoint = await maker.SendAsync(HttpMethod.Post, "/webhooks/endpoints", new { url = receiver.Url, description = "bench receiver" });
        var switchOff = () => maker.SendAsync(HttpMethod.Patch, $"/webhooks/endpoints/{endpoint["endpoint_id"]}", new { enabled = false });
        try
        {
            await BurstAsync(receiver, database, maker, sizes, firstPayment, report);
            // Figure 1's load with the endpoint, then once more without it, on payments further on in the same range (a run
            // takes far fewer than half of them): compared with the mean of the runs without it before and after, so that
            // the database's growth between the runs counts against neither side.
            var run = await CreateThroughput.MeasureAsync(app, maker, sizes, firstPayment + sizes.WebhookEvents);
            await switchOff();
            var after = await CreateThroughput.MeasureAsync(app, maker, sizes, firstPayment + sizes.WebhookEvents + sizes.CreatePayments / 2);
            var without = (withoutEndpoint.RequestsPerSecond + after.RequestsPerSecond) / 2;
            var ratio = 100 * run.RequestsPerSecond / without;
            report.Add(new Figure("11.create_ratio", "Webhooks: figure 1 with one endpoint ÷ without", ratio, "%", "≥ 90 %", ratio >= 90,
                $"{Report.Format(run.RequestsPerSecond)} req/s (p99 {WrkResult.Ms(run.P99Us):0.#} ms, {run.Errors} errors) with the endpoint, every " +
                $"refund.created delivered to the receiver meanwhile ÷ {Report.Format(without)} req/s, the mean of figure 1's own run " +
                $"({Report.Format(withoutEndpoint.RequestsPerSecond)}) and a run without it just after ({Report.Format(after.RequestsPerSecond)}, " +
                $"p99 {WrkResult.Ms(after.P99Us):0.#} ms); figure 1's load"));
        }
        finally
        {
            await switchOff();
        }
    }

    private static async Task BurstAsync(WebhookListener receiver, string database, RefundsApi maker, Sizes sizes, long firstPayment, Report report)
    {
        // Warm-up, as the other figures have: one batch like the burst's (on the burst's first payments, each then refunded
        // in part twice), delivered before the measured burst starts.
        var warmUp = Math.Min(BatchSize, sizes.WebhookEvents);
        await CreateAsync(maker, firstPayment, warmUp);
        await ArrivedAsync(receiver, warmUp, m => m.Type == "refund.created");
        receiver.Received.Clear();

        await using var commits = new CommitWatch(database);
        var batches = Enumerable.Range(0, (sizes.WebhookEvents + BatchSize - 1) / BatchSize)
            .Select(b => (First: firstPayment + (long)b * BatchSize, Count: Math.Min(BatchSize, sizes.WebhookEvents - b * BatchSize)));
        var started = DateTimeOffset.UtcNow;
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = BatchesAtOnce },
            async (batch, _) => await CreateAsync(maker, batch.First, batch.Count));
        // Only the burst's: the payouts of earlier figures' approved refunds may still be moving, their events sent too.
        bool Burst(ListenedWebhook m) => m.Type == "refund.created" && commits.CommittedAfter(m.Id) is not null;
        await ArrivedAsync(receiver, sizes.WebhookEvents, Burst);

        var firsts = receiver.Received.Where(Burst).GroupBy(m => m.Id).Select(g => g.MinBy(m => m.ArrivedAt)!).ToList();
        var elapsed = firsts.Max(m => m.ArrivedAt) - started;
        var rate = firsts.Count / elapsed.TotalSeconds;
        var latencies = firsts.Select(m => (m.ArrivedAt - commits.CommittedAfter(m.Id)!.Value).TotalMilliseconds).Order().ToList();
        var p95 = Percentile95(latencies);
        // The change's own timestamp is stamped when its unit of work starts: a batch of 1,000 and the units committed
        // with it stand between it and the commit, so this measures the batch's write as much as the delivery.
        var fromChange = Percentile95(firsts.Select(m => (m.ArrivedAt - m.OccurredAt).TotalMilliseconds).Order().ToList());
        var conditions = $"{firsts.Count:N0} refund.created events from {firsts.Count / BatchSize + (firsts.Count % BatchSize > 0 ? 1 : 0)} batch creates of up to {BatchSize:N0}, " +
            $"{BatchesAtOnce} at a time; one endpoint, a local receiver answering 200 at once; {receiver.Received.Count(Burst) - firsts.Count} duplicates";
        report.Add(new Figure("11.rate", "Webhooks: deliveries per second", rate, "deliveries/s", "≥ 1,000", rate >= 1000,
            conditions + $"; first request to last arrival {elapsed.TotalSeconds:0.##} s"));
        report.Add(new Figure("11.p95", "Webhooks: commit → delivery p95", p95, "ms", "< 500 ms", p95 < 500,
            conditions + $"; commit seen by a reader of the database file polling every 5 ms; p50 {latencies[latencies.Count / 2]:0.#} ms, " +
            $"max {latencies[^1]:0.#} ms; from the change's timestamp (its unit's start) p95 {fromChange:0.#} ms"));
    }

    private static Task CreateAsync(RefundsApi maker, long firstPayment, int count)
    {
        var items = new JsonArray();
        for (var n = firstPayment; n < firstPayment + count; n++)
            items.Add(new JsonObject { ["payment_id"] = Seeder.PaymentId(n), ["amount"] = 1.00m, ["reason_code"] = "CUSTOMER_REQUEST" });
        return maker.SendAsync(HttpMethod.Post, "/payouts/refunds", items);
    }

    private static async Task ArrivedAsync(WebhookListener receiver, int events, Func<ListenedWebhook, bool> counted)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (receiver.Received.Where(counted).Select(m => m.Id).Distinct().Count() < events)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Only {receiver.Received.Count} of {events} webhooks arrived within 3 minutes.");
            await Task.Delay(50);
        }
    }

    private static double Percentile95(List<double> sorted) => sorted[(int)Math.Ceiling(0.95 * sorted.Count) - 1];
}
