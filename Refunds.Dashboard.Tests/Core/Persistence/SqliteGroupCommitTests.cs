using System.Reflection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Refunds.Core.Persistence;
using Refunds.Core.Refunds;
using Refunds.Dashboard.Tests.Support;

namespace Refunds.Dashboard.Tests.Core.Persistence;

/// <summary>
/// On SQLite the units of work waiting for the writer run in one transaction, each in a savepoint, and
/// are committed together (ADR-010). A unit is held in the writer here so the next ones queue behind it
/// and form one group.
/// </summary>
public sealed class SqliteGroupCommitTests : IAsyncLifetime
{
    private EngineHarness _engine = null!;

    public async Task InitializeAsync() => _engine = await EngineHarness.StartAsync();

    public async Task DisposeAsync() => await _engine.DisposeAsync();

    private UnitOfWork UnitOfWork => _engine.Get<UnitOfWork>();

    [Fact]
    public async Task Units_that_queued_together_commit_together_and_no_caller_hears_of_success_before_the_commit()
    {
        var (held, release) = await HoldTheWriterAsync();
        var first = UnitOfWork.RunAsync((db, ct) => AddReasonCodeAsync(db, "GROUP_FIRST", ct), default);
        var firstAnsweredBeforeCommit = (bool?)null;
        var seenInsideGroup = (bool?)null;
        var seenOutside = (bool?)null;
        var second = UnitOfWork.RunAsync(async (db, ct) =>
        {
            firstAnsweredBeforeCommit = first.IsCompleted;
            seenInsideGroup = await db.ReasonCodes.AnyAsync(r => r.Code == "GROUP_FIRST", ct);
            seenOutside = await ReasonCodeExistsAsync("GROUP_FIRST");
            return await AddReasonCodeAsync(db, "GROUP_SECOND", ct);
        }, default);

        release();
        await Task.WhenAll(held, first, second);

        Assert.False(firstAnsweredBeforeCommit);
        Assert.True(seenInsideGroup);
        Assert.False(seenOutside);
        Assert.True(await ReasonCodeExistsAsync("GROUP_FIRST"));
        Assert.True(await ReasonCodeExistsAsync("GROUP_SECOND"));
    }

    [Fact]
    public async Task A_unit_that_runs_past_the_groups_time_is_committed_before_the_units_queued_behind_it_run()
    {
        var (held, release) = await HoldTheWriterAsync();
        var slow = UnitOfWork.RunAsync(async (db, ct) =>
        {
            // Well past the time a group runs before it commits (100 ms).
            await Task.Delay(TimeSpan.FromMilliseconds(300), ct);
            return await AddReasonCodeAsync(db, "SLOW_UNIT", ct);
        }, default);
        // Seen by a reader outside the writer: committed, not just written in a transaction still open. (Its caller hears
        // of it on the thread pool, which may come after the next group has started.)
        var slowCommittedFirst = (bool?)null;
        var behind = UnitOfWork.RunAsync(async (db, ct) =>
        {
            slowCommittedFirst = await ReasonCodeExistsAsync("SLOW_UNIT");
            return await AddReasonCodeAsync(db, "BEHIND_SLOW", ct);
        }, default);

        release();
        await Task.WhenAll(held, slow, behind);

        Assert.True(slowCommittedFirst);
        Assert.True(await ReasonCodeExistsAsync("BEHIND_SLOW"));
    }

    [Fact]
    public async Task A_failing_unit_undoes_only_its_own_writes_and_the_rest_of_its_group_commits()
    {
        var (held, release) = await HoldTheWriterAsync();
        var before = UnitOfWork.RunAsync((db, ct) => AddReasonCodeAsync(db, "BEFORE_FAILURE", ct), default);
        var failing = UnitOfWork.RunAsync<int>(async (db, ct) =>
        {
            await AddReasonCodeAsync(db, "FAILED_UNIT", ct);
            throw new InvalidOperationException("the unit's own failure");
        }, default);
        var after = UnitOfWork.RunAsync((db, ct) => AddReasonCodeAsync(db, "AFTER_FAILURE", ct), default);

        release();
        await Task.WhenAll(held, before, after);

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => failing);
        Assert.Equal("the unit's own failure", failure.Message);
        Assert.True(await ReasonCodeExistsAsync("BEFORE_FAILURE"));
        Assert.False(await ReasonCodeExistsAsync("FAILED_UNIT"));
        Assert.True(await ReasonCodeExistsAsync("AFTER_FAILURE"));
    }

    [Fact]
    public async Task When_the_commit_fails_every_unit_of_the_group_fails_and_nothing_of_it_is_kept()
    {
        var (held, release) = await HoldTheWriterAsync();
        var innocent = UnitOfWork.RunAsync((db, ct) => AddReasonCodeAsync(db, "INNOCENT_UNIT", ct), default);
        // A foreign key checked only at COMMIT (deferred) makes the group's commit itself fail.
        var breaksTheCommit = UnitOfWork.RunAsync(async (db, ct) =>
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA defer_foreign_keys = ON", ct);
            return await db.Database.ExecuteSqlAsync(
                $"INSERT INTO audit_entries (RefundId, At, ActorId, ActorName, \"To\") VALUES ({Guid.NewGuid()}, 0, 'x', 'x', 'CREATED')", ct);
        }, default);

        release();
        await held;

        await Assert.ThrowsAsync<SqliteException>(() => innocent);
        await Assert.ThrowsAsync<SqliteException>(() => breaksTheCommit);
        Assert.False(await ReasonCodeExistsAsync("INNOCENT_UNIT"));
        await using var db = await _engine.NewContextAsync();
        Assert.Equal(0, await db.AuditEntries.CountAsync());
    }

    [Fact]
    public async Task A_groups_daily_figures_count_the_units_that_committed_and_not_one_that_failed_after_saving()
    {
        var payment = await _engine.PaymentAsync(100m);
        var refund = await _engine.RefundAsync(payment, 10m);
        var approve = typeof(Refund).GetMethod("RecordApproval", BindingFlags.Instance | BindingFlags.NonPublic)!;
        var (held, release) = await HoldTheWriterAsync();
        var before = _engine.RefundAsync(payment, 5m);
        var failing = UnitOfWork.RunAsync<int>(async (db, ct) =>
        {
            var tracked = await db.Refunds.Include(r => r.Payment).SingleAsync(r => r.Id == refund.Id, ct);
            approve.Invoke(tracked, [EngineHarness.Checker, _engine.Clock.GetUtcNow(), null]);
            await db.SaveChangesAsync(ct);
            throw new InvalidOperationException("failed after saving");
        }, default);
        var after = _engine.RefundAsync(payment, 7m);

        release();
        await Task.WhenAll(held, before, after);

        await Assert.ThrowsAsync<InvalidOperationException>(() => failing);
        var counts = await _engine.Get<RefundQueries>().CountByStatusAsync(EngineHarness.Viewer, new RefundFilter());
        Assert.Equal(new Dictionary<RefundStatus, int> { [RefundStatus.Created] = 3 }, counts);
    }

    [Fact]
    public async Task A_caller_that_gives_up_while_queued_is_answered_and_its_work_never_runs()
    {
        var (held, release) = await HoldTheWriterAsync();
        using var givingUp = new CancellationTokenSource();
        var ran = false;
        var cancelled = UnitOfWork.RunAsync((db, ct) =>
        {
            ran = true;
            return AddReasonCodeAsync(db, "GAVE_UP", ct);
        }, givingUp.Token);

        await givingUp.CancelAsync();
        release();
        await held;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.False(ran);
        Assert.False(await ReasonCodeExistsAsync("GAVE_UP"));
    }

    // A unit of work that stays in the writer until released; units started meanwhile queue behind it.
    private async Task<(Task Held, Action Release)> HoldTheWriterAsync()
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var held = UnitOfWork.RunAsync(async (_, _) =>
        {
            entered.SetResult();
            await release.Task;
            return 0;
        }, default);
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        return (held, release.SetResult);
    }

    private static Task<int> AddReasonCodeAsync(RefundsDbContext db, string code, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"INSERT INTO reason_codes (Code, Description, IsActive) VALUES ({code}, 'test', 1)", cancellationToken);

    private async Task<bool> ReasonCodeExistsAsync(string code)
    {
        await using var db = await _engine.NewContextAsync();
        return await db.ReasonCodes.AnyAsync(r => r.Code == code);
    }
}
