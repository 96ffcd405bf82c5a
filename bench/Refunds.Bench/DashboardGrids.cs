using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Refunds.Core;
using Refunds.Core.Access;
using Refunds.Core.Approvals;
using Refunds.Core.Payments;
using Refunds.Core.Persistence;
using Refunds.Core.Refunds;

namespace Refunds.Bench;

/// <summary>
/// Figure 4's last target: the data calls behind the dashboard's grids, timed in-process through the
/// same Core queries the pages call (a circuit adds its render on top; that is figure 6's territory).
/// Each call runs on the unfiltered first page of 50, as a page opens, after one call to warm it.
/// </summary>
public static class DashboardGrids
{
    public static async Task RunAsync(string databasePath, Seeder seeder, Sizes sizes, Report report)
    {
        await using var services = new ServiceCollection().AddRefundsDatabase(DatabaseProvider.Sqlite, $"Data Source={databasePath}").BuildServiceProvider();
        var contexts = services.GetRequiredService<IDbContextFactory<RefundsDbContext>>();
        var refunds = new RefundQueries(contexts, new MakerCheckerPolicy(Options.Create(new RefundsOptions())));
        var payments = new PaymentQueries(contexts);
        var reviewer = new Actor("approver", "Approver", ActorKind.Person, Permission.ReadRefunds | Permission.ReadPayments);
        var data = $"{seeder.Scalar("SELECT count(*) FROM refunds"):N0} refunds over {seeder.Scalar("SELECT count(*) FROM payments"):N0} payments";

        await MeasureAsync("4.grid_refunds", "Dashboard: Refunds grid page", () => refunds.ListRowsAsync(reviewer, new RefundFilter(), ListOrder.NewestFirst, 0, 50));
        await MeasureAsync("4.grid_counts", "Dashboard: Refunds status counts", () => refunds.CountByStatusAsync(reviewer, new RefundFilter()));
        await MeasureAsync("4.grid_payments", "Dashboard: Payments grid page", () => payments.ListAsync(reviewer, new PaymentFilter(), ListOrder.NewestFirst, 0, 50));
        await MeasureAsync("4.grid_queue", "Dashboard: live payout queue", () => refunds.PayoutQueueAsync(reviewer, DateTimeOffset.UtcNow.AddMinutes(-5)));

        async Task MeasureAsync(string id, string name, Func<Task> call)
        {
            await call();
            var times = new List<double>(sizes.GridCalls);
            for (var i = 0; i < sizes.GridCalls; i++)
            {
                var clock = Stopwatch.StartNew();
                await call();
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
            times.Sort();
            var p95 = times[(int)Math.Ceiling(0.95 * times.Count) - 1];
            report.Add(new Figure(id, name + " p95", p95, "ms", "< 200 ms", p95 < 200,
                $"{data}; {sizes.GridCalls} calls one after another, in-process through Refunds.Core, p50 {times[times.Count / 2]:0.#} ms"));
        }
    }
}
