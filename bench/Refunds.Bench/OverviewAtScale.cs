using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Refunds.Core;
using Refunds.Core.Access;
using Refunds.Core.Analytics;
using Refunds.Core.Approvals;
using Refunds.Core.Payments;
using Refunds.Core.Persistence;
using Refunds.Core.Refunds;

namespace Refunds.Bench;

/// <summary>
/// Figure 9: the Overview's data calls and the Refunds tab's status counts as the refunds grow to the
/// largest step (ten million in the full run), on a database file of its own. A year of refunds is seeded
/// in creation order, step by step; after each step the daily figures are rebuilt from the refunds (as the
/// app does at start for refunds that came before its figures: that time is reported too) and every call
/// is timed in-process through the same Core queries the page and the REST endpoint call, after enough
/// calls to warm it in the full run (a long-running app runs them in tiered JIT's optimized code; the
/// first thirty calls of a method run unoptimized). The Overview's periods end with the last seeded day.
/// </summary>
public static class OverviewAtScale
{
    private static readonly DateTimeOffset YearStart = new(2025, 12, 1, 0, 0, 0, TimeSpan.Zero);

    public static async Task RunAsync(string dashboard, IReadOnlyDictionary<string, string> appSettings, DirectoryInfo work, Sizes sizes, Report report)
    {
        var database = Path.Combine(work.FullName, "overview.db");
        var settings = new Dictionary<string, string>(appSettings) { ["ConnectionStrings:Refunds"] = $"Data Source={database}" };
        // A start on the empty file creates the schema; the data is then written straight into it.
        await using (await AppProcess.StartAsync(dashboard, settings, "Production")) { }
        var seeder = new Seeder(database);
        seeder.Payments(1, sizes.OverviewPayments);
        var total = sizes.OverviewSteps[^1];

        await using var services = new ServiceCollection().AddRefundsDatabase(DatabaseProvider.Sqlite, $"Data Source={database}").BuildServiceProvider();
        var contexts = services.GetRequiredService<IDbContextFactory<RefundsDbContext>>();
        var viewer = new Actor("viewer", "Viewer", ActorKind.Person, Permission.ReadRefunds);
        var aed = Currency.Of("AED");
        long seeded = 0;
        foreach (var step in sizes.OverviewSteps)
        {
            Console.WriteLine($"Seeding refunds {seeded + 1:N0} to {step:N0} of a year of {total:N0}...");
            var seeding = Stopwatch.StartNew();
            seeder.RefundsOverAYear(seeded, step - seeded, total, sizes.OverviewPayments, YearStart);
            seeded = step;
            Console.WriteLine($"Seeded in {seeding.Elapsed.TotalSeconds:0.#} s");
            var rebuild = Stopwatch.StartNew();
            await using (var db = await contexts.CreateDbContextAsync())
            {
                db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
                await FigureRecount.RebuildAsync(db);
            }
            var label = $"{step:N0} refunds";
            var data = $"{label} over a year ({total / 365:N0} a day), {sizes.OverviewPayments:N0} payments, SQLite";
            report.Add(Figure.Context($"9.build_{Id(step)}", $"Overview: daily figures built from {label}", rebuild.Elapsed.TotalSeconds, "s",
                $"{data}; once, at the first start after the migration that adds them"));

            var lastDay = YearStart.AddDays(Math.Ceiling(365.0 * step / total));
            // The period's clock: "now" is the end of the last seeded day.
            var analytics = new RefundAnalytics(contexts, new FixedClock(lastDay));
            var refunds = new RefundQueries(contexts, new MakerCheckerPolicy(Options.Create(new RefundsOptions())));
            await MeasureAsync($"9.overview_30d_{Id(step)}", $"Overview: 30 days of AED at {label}",
                () => analytics.ReadAsync(viewer, lastDay.AddDays(-30), lastDay, aed));
            await MeasureAsync($"9.overview_90d_{Id(step)}", $"Overview: 90 days of AED at {label}",
                () => analytics.ReadAsync(viewer, lastDay.AddDays(-90), lastDay, aed));
            await MeasureAsync($"9.overview_all_{Id(step)}", $"Overview: 30 days, every currency, at {label}",
                () => analytics.ReadEachCurrencyAsync(viewer, lastDay.AddDays(-30), lastDay));
            await MeasureAsync($"9.status_counts_{Id(step)}", $"Refunds tab: status counts at {label}",
                () => refunds.CountByStatusAsync(viewer, new RefundFilter()));

            async Task MeasureAsync(string id, string name, Func<Task> call)
            {
                for (var i = 0; i < sizes.OverviewWarmUpCalls; i++) await call();
                var times = new List<double>(sizes.GridCalls);
                for (var i = 0; i < sizes.GridCalls; i++)
                {
                    var clock = Stopwatch.StartNew();
                    await call();
                    times.Add(clock.Elapsed.TotalMilliseconds);
                }
                times.Sort();
                var p95 = times[(int)Math.Ceiling(0.95 * times.Count) - 1];
                report.Add(new Figure(id, name + " p95", p95, "ms", "< 50 ms", p95 < 50,
                    $"{data}; {sizes.GridCalls} calls one after another, in-process through Refunds.Core, p50 {times[times.Count / 2]:0.#} ms"));
            }
        }
        File.Delete(database);
    }

    private static string Id(long refunds) => refunds >= 1_000_000 ? $"{refunds / 1_000_000}m" : $"{refunds / 1_000}k";

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
