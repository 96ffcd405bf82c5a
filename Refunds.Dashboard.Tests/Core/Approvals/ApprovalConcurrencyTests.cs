using Microsoft.EntityFrameworkCore;
using Refunds.Core;
using Refunds.Core.Access;
using Refunds.Core.Approvals;
using Refunds.Core.Persistence;
using Refunds.Core.Refunds;
using Refunds.Dashboard.Tests.Support;
using static Refunds.Dashboard.Tests.Core.Approvals.ApprovalTiers;

namespace Refunds.Dashboard.Tests.Core.Approvals;

/// <summary>
/// Reviewers approving one refund at the same moment, on several engines over one database as several
/// app processes would: no approval is lost, one reviewer never counts twice, and the refund moves to
/// APPROVED (and on to payout) exactly once.
/// </summary>
public abstract class ApprovalConcurrencyTests : IAsyncLifetime
{
    private readonly List<EngineHarness> _engines = [];

    protected abstract DatabaseProvider Provider { get; }

    public async Task InitializeAsync()
    {
        var first = await EngineHarness.StartAsync(provider: Provider);
        _engines.Add(first);
        for (var i = 1; i < 4; i++) _engines.Add(await EngineHarness.StartAsync(database: first.Database));
        await first.Get<ApprovalPolicies>().SeedIfNoneAsync([ApprovalTier.Of("AED", 10_000m, 5, null)]);
    }

    public async Task DisposeAsync()
    {
        foreach (var engine in Enumerable.Reverse(_engines)) await engine.DisposeAsync();
    }

    private Task<ErrorCode?[]> ApproveAllAtOnceAsync(Guid refundId, IReadOnlyList<Actor> reviewers) =>
        Task.WhenAll(reviewers.Select((reviewer, i) => Task.Run(async () =>
        {
            try
            {
                await _engines[i % _engines.Count].Refunds.DecideAsync(reviewer, [new RefundDecision(refundId, RefundStatus.Approved)]);
                return (ErrorCode?)null;
            }
            catch (RuleViolation violation)
            {
                return violation is BatchViolation batch ? batch.Items[0].Code : violation.Code;
            }
        })));

    [Fact]
    public async Task Concurrent_approvals_of_distinct_reviewers_are_all_kept_and_approve_the_refund_once()
    {
        var refund = await _engines[0].RefundAsync(await _engines[0].PaymentAsync(20_000m), 20_000m);

        var outcomes = await ApproveAllAtOnceAsync(refund.Id, Enumerable.Range(0, 5).Select(Reviewer).ToList());

        var stored = await _engines[0].RefundByIdAsync(refund.Id);
        Assert.All(outcomes, Assert.Null);
        Assert.Equal(RefundStatus.Approved, stored.Status);
        Assert.Equal(5, stored.Approvals.Select(a => a.By).Distinct().Count());
        Assert.Single(stored.History, e => e.To == RefundStatus.Approved);
        Assert.Equal(20_000_00, stored.Payment.ReservedMinor);
    }

    [Fact]
    public async Task Concurrent_last_approvals_give_one_APPROVED_transition_and_the_rest_find_it_decided()
    {
        var refund = await _engines[0].RefundAsync(await _engines[0].PaymentAsync(20_000m), 20_000m);
        foreach (var i in Enumerable.Range(0, 4)) await _engines[0].Refunds.DecideAsync(Reviewer(i), [new RefundDecision(refund.Id, RefundStatus.Approved)]);

        var outcomes = await ApproveAllAtOnceAsync(refund.Id, Enumerable.Range(10, 12).Select(Reviewer).ToList());

        var stored = await _engines[0].RefundByIdAsync(refund.Id);
        Assert.Single(outcomes, o => o is null);
        Assert.All(outcomes.OfType<ErrorCode>(), code => Assert.Equal(ErrorCode.InvalidStatusTransition, code));
        Assert.Equal(5, stored.Approvals.Count);
        Assert.Single(stored.History, e => e.To == RefundStatus.Approved);
        await using var db = await _engines[0].NewContextAsync();
        Assert.Single(await db.Refunds.Where(r => r.Id == refund.Id && r.RefundIntentId != null).Select(r => r.RefundIntentId).ToListAsync());
    }

    [Fact]
    public async Task One_reviewer_approving_many_times_at_once_counts_once()
    {
        var refund = await _engines[0].RefundAsync(await _engines[0].PaymentAsync(20_000m), 20_000m);

        var outcomes = await ApproveAllAtOnceAsync(refund.Id, Enumerable.Repeat(Reviewer(1), 12).ToList());

        var stored = await _engines[0].RefundByIdAsync(refund.Id);
        Assert.Single(outcomes, o => o is null);
        Assert.All(outcomes.OfType<ErrorCode>(), code => Assert.Equal(ErrorCode.MakerCheckerViolation, code));
        Assert.Single(stored.Approvals);
        Assert.Equal(RefundStatus.Created, stored.Status);
    }

    public sealed class OnSqlite : ApprovalConcurrencyTests
    {
        protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
    }

    public sealed class OnPostgreSql : ApprovalConcurrencyTests
    {
        protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
    }
}
