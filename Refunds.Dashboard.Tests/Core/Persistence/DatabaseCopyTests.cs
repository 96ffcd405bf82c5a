using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Refunds.Core;
using Refunds.Core.Demo;
using Refunds.Core.Payouts;
using Refunds.Core.Persistence;
using Refunds.Core.Refunds;
using Refunds.Dashboard.Tests.Support;

namespace Refunds.Dashboard.Tests.Core.Persistence;

/// <summary>Moving an embedded SQLite database's data to PostgreSQL (the README's documented copy).</summary>
public class DatabaseCopyTests : IAsyncLifetime
{
    private EngineHarness _sqlite = null!;
    private TestDatabase _postgreSql = null!;

    public async Task InitializeAsync()
    {
        _sqlite = await EngineHarness.StartAsync();
        await _sqlite.Get<DemoData>().SeedIfEmptyAsync();
        // Some refunds with the (simulated) bank, so its ledger has lines to carry over.
        await _sqlite.Get<PayoutDispatcher>().DispatchDueAsync();
        _postgreSql = await TestDatabase.EmptyPostgreSqlAsync();
    }

    public async Task DisposeAsync()
    {
        await _sqlite.DisposeAsync();
        await _postgreSql.DisposeAsync();
    }

    [Fact]
    public async Task Copy_carries_every_payment_refund_audit_entry_and_ledger_line_and_the_rules_hold_on_the_copy()
    {
        var copied = await CopyAsync();

        await using var target = await EngineHarness.StartAsync(database: _postgreSql);
        await using (var before = await _sqlite.NewContextAsync())
        await using (var after = await target.NewContextAsync())
        {
            Assert.Equal(await before.Payments.CountAsync(), copied["payments"]);
            Assert.True(copied["simulated_bank_payouts"] > 0, "nothing reached the bank before the copy");
            Assert.Equal(await before.Refunds.CountAsync(), await after.Refunds.CountAsync());
            Assert.Equal(await before.AuditEntries.CountAsync(), await after.AuditEntries.CountAsync());
            Assert.Equal(await before.SimulatedPayouts.CountAsync(), await after.SimulatedPayouts.CountAsync());
            Assert.Equal(
                await before.Payments.OrderBy(p => p.Id).Select(p => new { p.Id, p.ReservedMinor, p.RefundedMinor, p.Version, p.CreatedAt }).ToListAsync(),
                await after.Payments.OrderBy(p => p.Id).Select(p => new { p.Id, p.ReservedMinor, p.RefundedMinor, p.Version, p.CreatedAt }).ToListAsync());
            Assert.Equal(
                await before.Refunds.OrderBy(r => r.Id).Select(r => new { r.Id, r.Status, r.AmountMinor, r.CreatedBy, r.Beneficiary.Iban }).ToListAsync(),
                await after.Refunds.OrderBy(r => r.Id).Select(r => new { r.Id, r.Status, r.AmountMinor, r.CreatedBy, r.Beneficiary.Iban }).ToListAsync());
        }

        // A copied payment's reservations still bind: no more than what is left can be refunded.
        await using var check = await target.NewContextAsync();
        var payment = await check.Payments.AsNoTracking().Where(p => p.ReservedMinor > 0 && p.ReservedMinor < p.AmountMinor && p.ReconciledAt != null).FirstAsync();
        var tooMuch = payment.Refundable.Major + 0.01m;
        var refused = await Assert.ThrowsAnyAsync<RuleViolation>(() => target.Refunds.CreateAsync(EngineHarness.Maker,
            [new RefundRequest(payment.Id, tooMuch, payment.CurrencyCode, "CUSTOMER_REQUEST")]));
        Assert.Equal(ErrorCode.AmountExceedsRefundable, refused.Code);
    }

    [Fact]
    public async Task Copy_into_a_database_that_holds_data_is_refused_and_changes_nothing()
    {
        await CopyAsync();
        await using var target = await EngineHarness.StartAsync(database: _postgreSql);
        var refundsBefore = await target.RefundCountAsync();

        var refusal = await Assert.ThrowsAsync<InvalidOperationException>(CopyAsync);

        Assert.Contains("already holds data", refusal.Message);
        Assert.Equal(refundsBefore, await target.RefundCountAsync());
    }

    private async Task<IReadOnlyDictionary<string, int>> CopyAsync()
    {
        await using var source = new ServiceCollection()
            .AddRefundsDatabase(_sqlite.Database.Provider, _sqlite.Database.ConnectionString).BuildServiceProvider();
        await using var target = new ServiceCollection()
            .AddRefundsDatabase(_postgreSql.Provider, _postgreSql.ConnectionString).BuildServiceProvider();
        return await DatabaseCopy.CopyAsync(Contexts(source), Contexts(target));
    }

    private static IDbContextFactory<RefundsDbContext> Contexts(IServiceProvider services) =>
        services.GetRequiredService<IDbContextFactory<RefundsDbContext>>();
}
