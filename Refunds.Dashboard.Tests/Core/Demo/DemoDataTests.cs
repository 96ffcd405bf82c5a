using Refunds.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Refunds.Core.Demo;
using Refunds.Core.Refunds;
using Refunds.Dashboard.Tests.Support;

namespace Refunds.Dashboard.Tests.Core.Demo;

public abstract class DemoDataTests : EngineTest
{
    [Fact]
    public async Task An_empty_database_gets_two_months_of_payments_and_refunds_in_every_status()
    {
        Assert.True(await Engine.Get<DemoData>().SeedIfEmptyAsync());

        await using var db = await Engine.NewContextAsync();
        var payments = await db.Payments.AsNoTracking().ToListAsync();
        var statuses = await db.Refunds.Select(r => r.Status).Distinct().ToListAsync();
        Assert.Equal(202, payments.Count);
        Assert.InRange(payments.Count(p => p.IsReconciled), 140, 180);
        Assert.Equal(["AED", "KWD", "SAR"], payments.Select(p => p.CurrencyCode).Distinct().Order());
        Assert.Equal(Enum.GetValues<RefundStatus>().Order(), statuses.Order());
        Assert.All(payments, p => Assert.True(p.Refundable.MinorUnits >= 0));
        var latest = await db.AuditEntries.MaxAsync(e => e.At);
        Assert.True(latest <= Engine.Clock.GetUtcNow(), $"Demo history reaches into the future: {latest:O}");
    }

    [Fact]
    public async Task A_database_with_payments_is_left_alone()
    {
        await Engine.PaymentAsync();

        Assert.False(await Engine.Get<DemoData>().SeedIfEmptyAsync());
    }

    public sealed class OnSqlite : DemoDataTests;

    public sealed class OnPostgreSql : DemoDataTests
    {
        protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
    }
}
