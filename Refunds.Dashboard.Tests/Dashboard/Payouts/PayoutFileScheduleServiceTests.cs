using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Refunds.Core.Payments;
using Refunds.Core.Payouts.BankFile;
using Refunds.Core.Refunds;
using Refunds.Dashboard.Tests.Support;
using static Refunds.Dashboard.Tests.Support.EngineHarness;

namespace Refunds.Dashboard.Tests.Dashboard.Payouts;

public class PayoutFileScheduleServiceTests
{
    private sealed class Scheduled(FakeTimeProvider clock) : DashboardFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [
            new("Payouts:Rail", "BankFile"),
            new("BankFile:Debtor:Name", "Refunds Trading LLC"),
            new("BankFile:Debtor:Iban", BankFileRail.DebtorIban),
            new("BankFile:Schedule", "every 1h"),
        ];

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(clock));
        }
    }

    [Fact]
    public async Task On_the_hour_the_app_files_the_approved_refunds_by_itself()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 9, 10, 0, TimeSpan.Zero));
        await using var app = new Scheduled(clock);
        var services = app.Services;
        var paymentId = Guid.NewGuid();
        await services.GetRequiredService<PaymentIntake>().IngestAsync(Feed, [NewPayment(paymentId)]);
        await services.GetRequiredService<PaymentIntake>().ReconcileAsync(Feed, paymentId, "STMT-1");
        var engine = services.GetRequiredService<RefundEngine>();
        var refund = (await engine.CreateAsync(Maker, [new RefundRequest(paymentId, 10m, "AED", "CUSTOMER_REQUEST")]))[0];
        await engine.DecideAsync(Checker, [new RefundDecision(refund.Id, RefundStatus.Approved)]);
        var queries = services.GetRequiredService<PayoutFileQueries>();

        // The clock moves on a few minutes at a time until the schedule's hour has passed and its file is made.
        for (var waited = 0; (await queries.ListAsync(Viewer, 0, 10)).TotalElements == 0; waited += 50)
        {
            Assert.True(waited < 10_000, "No payout file was made on schedule.");
            clock.Advance(TimeSpan.FromMinutes(5));
            await Task.Delay(50);
        }

        var file = Assert.Single((await queries.ListAsync(Viewer, 0, 10)).Items).File;
        Assert.Equal(("system", 1), (file.CreatedBy, file.TransactionCount));
        Assert.True(file.CreatedAt >= new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero));
    }
}
