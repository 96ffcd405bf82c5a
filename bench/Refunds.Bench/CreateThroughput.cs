namespace Refunds.Bench;

/// <summary>
/// Figure 1: one refund a request under concurrent load, on the product and on the bare baseline
/// (bench/Baseline: one insert and durable commit a request on the same database), same wrk load;
/// on SQLite, and again on PostgreSQL (<see cref="CreateThroughputOnPostgreSql"/>).
/// </summary>
public static class CreateThroughput
{
    public static async Task<WrkResult> ProductAsync(AppProcess app, RefundsApi maker, Sizes sizes, long firstPayment, long warmUpPayment, Report report,
        CreateDatabase database)
    {
        // JIT and pools warm on their own range of payments, so the measured run still has distinct ones.
        await Wrk.RunAsync(app.BaseAddress, 2, sizes.Concurrency, WarmUp(sizes), maker.AccessToken, "create", warmUpPayment.ToString(), "2");
        var run = await MeasureAsync(app, maker, sizes, firstPayment);
        var conditions = Conditions(sizes, run) + ", bearer token, a distinct reconciled payment per request" + database.ProductConditions;
        report.Add(Figure.Context(database.Id("throughput"), database.Name("product throughput"), run.RequestsPerSecond, "req/s", conditions));
        report.Add(Figure.Context(database.Id("p50"), database.Name("product p50"), WrkResult.Ms(run.P50Us), "ms", conditions));
        report.Add(new Figure(database.Id("p99"), database.Name("product p99"), WrkResult.Ms(run.P99Us), "ms", "< 50 ms", WrkResult.Ms(run.P99Us) < 50, conditions));
        report.Add(new Figure(database.Id("errors"), database.Name("product errors"), run.Errors, "responses", "0", run.Errors == 0,
            $"{run.Non2xx} non-2xx, {run.SocketErrors} socket errors or timeouts (10 s)"));
        return run;
    }

    /// <summary>Figure 1's load on the product, from payment <paramref name="firstPayment"/> on (no warm-up).</summary>
    public static Task<WrkResult> MeasureAsync(AppProcess app, RefundsApi maker, Sizes sizes, long firstPayment) =>
        Wrk.RunAsync(app.BaseAddress, 2, sizes.Concurrency, sizes.CreateDuration, maker.AccessToken, "create", firstPayment.ToString(), "2");

    /// <summary>The baseline with <paramref name="settings"/> (its database), compared with <paramref name="product"/> on the same database.</summary>
    public static async Task BaselineAsync(string baselineDll, IReadOnlyDictionary<string, string> settings, Sizes sizes, WrkResult product, Report report,
        CreateDatabase database)
    {
        await using var baseline = await AppProcess.StartAsync(baselineDll, settings, "Production");
        await Wrk.RunAsync(baseline.BaseAddress, 2, sizes.Concurrency, WarmUp(sizes), null, "create", "1", "2");
        var run = await Wrk.RunAsync(baseline.BaseAddress, 2, sizes.Concurrency, sizes.CreateDuration, null, "create", "1", "2");
        report.Add(Figure.Context(database.Id("baseline"), database.Name("bare baseline throughput"), run.RequestsPerSecond, "req/s",
            Conditions(sizes, run) + $", p50 {WrkResult.Ms(run.P50Us):0.#} ms, p99 {WrkResult.Ms(run.P99Us):0.#} ms, {run.Errors} errors; " +
            "typed source-generated JSON read, " + database.BaselineConditions + ", no auth"));
        var ratio = 100 * product.RequestsPerSecond / run.RequestsPerSecond;
        report.Add(new Figure(database.Id("ratio"), database.Name("product ÷ baseline throughput"), ratio, "%", "≥ 60 %", ratio >= 60,
            $"{Report.Format(product.RequestsPerSecond)} ÷ {Report.Format(run.RequestsPerSecond)} req/s, same load"));
        var p99Ratio = (double)product.P99Us / run.P99Us;
        report.Add(new Figure(database.Id("p99_ratio"), database.Name("product p99 ÷ baseline p99"), p99Ratio, "×", "≤ 1.5", p99Ratio <= 1.5,
            $"{WrkResult.Ms(product.P99Us):0.#} ÷ {WrkResult.Ms(run.P99Us):0.#} ms, same load"));
    }

    // Long enough for tiered compilation to settle on two busy cores: a shorter warm-up measured the JIT, not the app.
    private static TimeSpan WarmUp(Sizes sizes) => TimeSpan.FromSeconds(Math.Min(30, sizes.CreateDuration.TotalSeconds));

    private static string Conditions(Sizes sizes, WrkResult run) =>
        $"wrk 2 threads, {sizes.Concurrency} connections, {sizes.CreateDuration.TotalSeconds:0} s, {run.Requests:N0} requests";
}

/// <summary>The database figure 1 runs on: its figures' ids and names, and what its conditions add.</summary>
public sealed record CreateDatabase(string IdPrefix, string NamePrefix, string ProductConditions, string BaselineConditions)
{
    public static readonly CreateDatabase Sqlite = new("1.", "Create", "",
        "one SQLite insert + commit a request (BEGIN IMMEDIATE), one writer at a time in the process, WAL, synchronous FULL, SQLite's own busy handler (busy_timeout 30 s)");

    public string Id(string figure) => IdPrefix + figure;

    public string Name(string figure) => $"{NamePrefix}: {figure}";
}
