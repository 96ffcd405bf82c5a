namespace Refunds.Bench;

/// <summary>Figure 4: GET /payouts/refunds latencies over the large seeded data set, one client at a time.</summary>
public static class Lists
{
    public static async Task RunAsync(AppProcess app, RefundsApi reader, Seeder seeder, Sizes sizes, Report report)
    {
        var created = seeder.Scalar("SELECT count(*) FROM refunds WHERE Status = 'CREATED'");
        var refunds = seeder.Scalar("SELECT count(*) FROM refunds");
        var payments = seeder.Scalar("SELECT count(*) FROM payments");
        // The quick data set has fewer pages than the page 1,000: take its last full page instead.
        var deepPage = Math.Min(sizes.DeepPage, Math.Max(0, created / 50 - 1));
        var data = $"{refunds:N0} refunds over {payments:N0} payments ({created:N0} CREATED)";

        var byStatus = new Uri(app.BaseAddress, "/payouts/refunds?status=CREATED&size=50");
        await Wrk.RunAsync(byStatus, 1, 1, TimeSpan.FromSeconds(1), reader.AccessToken, "get");

        await MeasureAsync("4.status", "List: page of 50 by status", byStatus, "get", 50);
        await MeasureAsync("4.payment_id", "List: page of 50 by payment_id", app.BaseAddress, "payment", 20, sizes.ListPayments.ToString());
        await MeasureAsync("4.deep_page", $"List: page {deepPage:N0} of a status filter",
            new Uri(app.BaseAddress, $"/payouts/refunds?status=CREATED&size=50&page={deepPage}"), "get", 150);

        async Task MeasureAsync(string id, string name, Uri url, string mode, double targetMs, params string[] more)
        {
            var run = await Wrk.RunAsync(url, 1, 1, sizes.ListDuration, reader.AccessToken, [mode, .. more]);
            var p95 = WrkResult.Ms(run.P95Us);
            report.Add(new Figure(id, name + " p95", p95, "ms", $"< {targetMs:0} ms", p95 < targetMs && run.Errors == 0,
                $"{data}; wrk 1 connection, {sizes.ListDuration.TotalSeconds:0} s, {run.Requests:N0} requests, p50 {WrkResult.Ms(run.P50Us):0.#} ms, {run.Errors} errors"));
        }
    }
}
