using Refunds.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Refunds.Core;
using Refunds.Core.Access;
using Refunds.Core.Refunds;
using Refunds.Dashboard.Tests.Support;
using static Refunds.Dashboard.Tests.Support.EngineHarness;

namespace Refunds.Dashboard.Tests.Core.Refunds;

/// <summary>
/// Several engines (each with its own service provider, context pool and connections) on one
/// database, as several app processes would be.
/// </summary>
public abstract class ConcurrencyTests : IAsyncLifetime
{
    private readonly List<EngineHarness> _engines = [];

    protected abstract DatabaseProvider Provider { get; }

    public async Task InitializeAsync()
    {
        var first = await EngineHarness.StartAsync(provider: Provider);
        _engines.Add(first);
        for (var i = 1; i < 5; i++) _engines.Add(await EngineHarness.StartAsync(database: first.Database));
    }

    public async Task DisposeAsync()
    {
        foreach (var engine in Enumerable.Reverse(_engines)) await engine.DisposeAsync();
    }

    [Fact]
    public async Task Fifty_parallel_creates_never_reserve_more_than_the_payment_amount()
    {
        var payment = await _engines[0].PaymentAsync(100m);

        var attempts = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(async () =>
        {
            try
            {
                return (Refund?)(await _engines[i % _engines.Count].RefundAsync(payment, 3m));
            }
            catch (RuleViolation)
            {
                return null;
            }
        })));

        var created = attempts.OfType<Refund>().ToList();
        await using var db = await _engines[0].NewContextAsync();
        var stored = await db.Refunds.Where(r => r.PaymentId == payment.Id).SumAsync(r => r.AmountMinor);
        var reserved = (await db.Payments.SingleAsync(p => p.Id == payment.Id)).ReservedMinor;
        Assert.Equal(33, created.Count);
        Assert.Equal(9900, stored);
        Assert.Equal(9900, reserved);
    }

    [Fact]
    public async Task Twenty_parallel_decisions_on_one_refund_have_exactly_one_winner()
    {
        var refund = await _engines[0].RefundAsync(await _engines[0].PaymentAsync(100m));
        var checkers = Enumerable.Range(0, 20)
            .Select(i => new Actor($"checker-{i}", $"Checker {i}", ActorKind.Person, Permission.ApproveRefunds))
            .ToList();

        var outcomes = await Task.WhenAll(checkers.Select((checker, i) => Task.Run(async () =>
        {
            try
            {
                var status = i % 2 == 0 ? RefundStatus.Approved : RefundStatus.Rejected;
                await _engines[i % _engines.Count].Refunds.DecideAsync(checker, [new RefundDecision(refund.Id, status)]);
                return (ErrorCode?)null;
            }
            catch (RuleViolation violation)
            {
                return violation is BatchViolation batch ? batch.Items[0].Code : violation.Code;
            }
        })));

        var stored = await _engines[0].RefundByIdAsync(refund.Id);
        Assert.Single(outcomes, o => o is null);
        Assert.All(outcomes.OfType<ErrorCode>(), code => Assert.Equal(ErrorCode.InvalidStatusTransition, code));
        Assert.Equal(2, stored.History.Count);
        Assert.Equal(stored.ActionedBy, stored.History[^1].ActorId);
    }

    public sealed class OnSqlite : ConcurrencyTests
    {
        protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
    }

    public sealed class OnPostgreSql : ConcurrencyTests
    {
        protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
    }
}
