using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Refunds.Core.Persistence;
using Refunds.Dashboard.Tests.Support;

namespace Refunds.Dashboard.Tests.Core.Persistence;

/// <summary>
/// On SQLite the units of work waiting for the writer run in one transaction, each in a savepoint, and
/// are committed together (ADR-010). A unit is held in the writer here so the next ones queue behind it
/// and form one group. Units that write only through their entities do their reading before they queue,
/// and the versions of what they save refuse a save built on rows that changed meanwhile.
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
        var first = UnitOfWork.RunAsync((db, ct) => AddReasonCodeAsync(db, "GROUP_FIRST", ct), UnitWrites.Directly, default);
        var firstAnsweredBeforeCommit = (bool?)null;
        var seenInsideGroup = (bool?)null;
        var seenOutside = (bool?)null;
        var second = UnitOfWork.RunAsync(async (db, ct) =>
        {
            firstAnsweredBeforeCommit = first.IsCompleted;
            seenInsideGroup = await db.ReasonCodes.AnyAsync(r => r.Code == "GROUP_FIRST", ct);
            seenOutside = await ReasonCodeExistsAsync("GROUP_FIRST");
            return await AddReasonCodeAsync(db, "GROUP_SECOND", ct);
        }, UnitWrites.Directly, default);

        release();
        await Task.WhenAll(held, first, second);

        Assert.False(firstAnsweredBeforeCommit);
        Assert.True(seenInsideGroup);
        Assert.False(seenOutside);
        Assert.True(await ReasonCodeExistsAsync("GROUP_FIRST"));
        Assert.True(await ReasonCodeExistsAsync("GROUP_SECOND"));
    }

    [Fact]
    public async Task A_failing_unit_undoes_only_its_own_writes_and_the_rest_of_its_group_commits()
    {
        var (held, release) = await HoldTheWriterAsync();
        var before = UnitOfWork.RunAsync((db, ct) => AddReasonCodeAsync(db, "BEFORE_FAILURE", ct), UnitWrites.Directly, default);
        var failing = UnitOfWork.RunAsync<int>(async (db, ct) =>
        {
            await AddReasonCodeAsync(db, "FAILED_UNIT", ct);
            throw new InvalidOperationException("the unit's own failure");
        }, UnitWrites.Directly, default);
        var after = UnitOfWork.RunAsync((db, ct) => AddReasonCodeAsync(db, "AFTER_FAILURE", ct), UnitWrites.Directly, default);

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
        var innocent = UnitOfWork.RunAsync((db, ct) => AddReasonCodeAsync(db, "INNOCENT_UNIT", ct), UnitWrites.Directly, default);
        // A foreign key checked only at COMMIT (deferred) makes the group's commit itself fail.
        var breaksTheCommit = UnitOfWork.RunAsync(async (db, ct) =>
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA defer_foreign_keys = ON", ct);
            return await db.Database.ExecuteSqlAsync(
                $"INSERT INTO audit_entries (RefundId, At, ActorId, ActorName, \"To\") VALUES ({Guid.NewGuid()}, 0, 'x', 'x', 'CREATED')", ct);
        }, UnitWrites.Directly, default);

        release();
        await held;

        await Assert.ThrowsAsync<SqliteException>(() => innocent);
        await Assert.ThrowsAsync<SqliteException>(() => breaksTheCommit);
        Assert.False(await ReasonCodeExistsAsync("INNOCENT_UNIT"));
        await using var db = await _engine.NewContextAsync();
        Assert.Equal(0, await db.AuditEntries.CountAsync());
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
        }, UnitWrites.Directly, givingUp.Token);

        await givingUp.CancelAsync();
        release();
        await held;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.False(ran);
        Assert.False(await ReasonCodeExistsAsync("GAVE_UP"));
    }

    [Fact]
    public async Task A_unit_that_writes_through_its_entities_reads_before_it_takes_the_writer()
    {
        var payment = await _engine.PaymentAsync(100m);
        var (held, release) = await HoldTheWriterAsync();
        var read = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var unit = UnitOfWork.RunAsync(async (db, ct) =>
        {
            await ReserveAsync(db, payment.Id, 10_00, ct);
            read.SetResult();
            return 0;
        }, default);

        await read.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(unit.IsCompleted);
        Assert.Equal(0, await ReservedAsync(payment.Id));
        release();
        await Task.WhenAll(held, unit);
        Assert.Equal(10_00, await ReservedAsync(payment.Id));
    }

    [Fact]
    public async Task A_save_built_on_rows_another_unit_changed_meanwhile_is_refused_and_the_unit_runs_again_in_the_writer()
    {
        var payment = await _engine.PaymentAsync(100m);
        var (held, release) = await HoldTheWriterAsync();
        var runs = 0;
        var bothRead = new CountdownEvent(2);
        Task<int> Reserve() => UnitOfWork.RunAsync(async (db, ct) =>
        {
            await ReserveAsync(db, payment.Id, 30_00, ct);
            if (Interlocked.Increment(ref runs) <= 2) bothRead.Signal();
            return 0;
        }, default);
        var units = new[] { Reserve(), Reserve() };

        Assert.True(bothRead.Wait(TimeSpan.FromSeconds(10)));
        release();
        await Task.WhenAll(units.Append(held));

        // Both read the payment unreserved; the second save would have lost the first one's reservation.
        Assert.Equal(60_00, await ReservedAsync(payment.Id));
        Assert.Equal(3, runs);
    }

    [Fact]
    public async Task A_unit_that_writes_as_it_goes_without_saying_so_is_run_again_whole_in_the_writer()
    {
        var runs = 0;
        await UnitOfWork.RunAsync((db, ct) =>
        {
            runs++;
            return AddReasonCodeAsync(db, "UNDECLARED", ct);
        }, default);

        Assert.True(await ReasonCodeExistsAsync("UNDECLARED"));
        Assert.Equal(2, runs);
    }

    [Fact]
    public async Task A_unit_that_changes_nothing_never_waits_for_the_writer()
    {
        var payment = await _engine.PaymentAsync(100m);
        var (held, release) = await HoldTheWriterAsync();

        var amount = await UnitOfWork.RunAsync(async (db, ct) => (await db.Payments.SingleAsync(p => p.Id == payment.Id, ct)).AmountMinor, default)
            .WaitAsync(TimeSpan.FromSeconds(10));

        release();
        await held;
        Assert.Equal(100_00, amount);
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
        }, UnitWrites.Directly, default);
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        return (held, release.SetResult);
    }

    // What the engine does to a payment when it reserves a refund's amount: a new amount and a new version.
    private static async Task ReserveAsync(RefundsDbContext db, Guid paymentId, long amountMinor, CancellationToken cancellationToken)
    {
        var entry = db.Entry(await db.Payments.SingleAsync(p => p.Id == paymentId, cancellationToken));
        entry.Property(p => p.ReservedMinor).CurrentValue += amountMinor;
        entry.Property(p => p.Version).CurrentValue++;
    }

    private async Task<long> ReservedAsync(Guid paymentId)
    {
        await using var db = await _engine.NewContextAsync();
        return await db.Payments.Where(p => p.Id == paymentId).Select(p => p.ReservedMinor).SingleAsync();
    }

    private static Task<int> AddReasonCodeAsync(RefundsDbContext db, string code, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"INSERT INTO reason_codes (Code, Description, IsActive) VALUES ({code}, 'test', 1)", cancellationToken);

    private async Task<bool> ReasonCodeExistsAsync(string code)
    {
        await using var db = await _engine.NewContextAsync();
        return await db.ReasonCodes.AnyAsync(r => r.Code == code);
    }
}
