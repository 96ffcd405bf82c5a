using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Refunds.Core.Analytics;
using Refunds.Core.Refunds;

namespace Refunds.Core.Persistence;

/// <summary>
/// This process's SQLite writers, one after another in one writer loop, committed in groups: the units
/// of work waiting when a transaction starts run in it in turn, each inside its own savepoint, and one
/// commit (one fsync) makes them all durable. No caller hears of success before that commit returns,
/// so a commit is as durable as before; a unit that fails rolls back to its savepoint and takes nobody
/// else's work with it. A group that has run for <see cref="RunLimit"/> commits, and the units it had
/// not reached yet start the next one. What the units that succeeded move in the daily figures is added by one
/// upsert just before the commit, not one a unit. See ADR-010.
/// </summary>
internal sealed class SqliteGroupCommit : IUnitOfWorkTransactions, IAsyncDisposable
{
    // Bounds how long the file's write lock is held, and so what another process (or the first unit of
    // a group) waits for; under load groups are as large as the number of writers waiting.
    private const int MaxGroupSize = 64;

    // Bounds how long a unit's caller (and its webhook events, and its live status) waits on the units queued behind
    // it: a batch of a thousand refunds runs for hundreds of milliseconds, and three of them in one group held the
    // first one's commit for a second (bench figure 11). Units of a single refund run a group of 64 well within it.
    private static readonly TimeSpan RunLimit = TimeSpan.FromMilliseconds(100);
    private const string UnitSavepoint = "unit_of_work";

    private readonly IDbContextFactory<RefundsDbContext> _contexts;
    private readonly Channel<PendingWrite> _queue = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;

    public SqliteGroupCommit(IDbContextFactory<RefundsDbContext> contexts)
    {
        _contexts = contexts;
        _writer = Task.Run(WriteAsync);
    }

    public Task<(T Result, IReadOnlyList<RefundStatusChanged> Changes)> RunAsync<T>(
        Func<RefundsDbContext, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        var write = new PendingWrite<T>(work, cancellationToken);
        if (!_queue.Writer.TryWrite(write)) throw new ObjectDisposedException(nameof(SqliteGroupCommit));
        return write.Completion;
    }

    public bool WritesAlone => true;

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer;
    }

    private async Task WriteAsync()
    {
        // Queued units in turn: those a group did not reach are first in the next.
        var waiting = new List<PendingWrite>(MaxGroupSize);
        while (waiting.Count > 0 || await _queue.Reader.WaitToReadAsync())
        {
            while (waiting.Count < MaxGroupSize && _queue.Reader.TryRead(out var write))
                if (!write.CancelIfRequested()) waiting.Add(write);
            if (waiting.Count > 0) waiting.RemoveRange(0, await CommitAsync(waiting));
        }
    }

    /// <summary>Runs the units in turn from the first, in one transaction, until they are done or the group's time is up; how many it took.</summary>
    private async Task<int> CommitAsync(List<PendingWrite> waiting)
    {
        var group = new List<PendingWrite>(waiting.Count);
        var done = new List<PendingWrite>(waiting.Count);
        try
        {
            await using var db = await _contexts.CreateDbContextAsync();
            // Each unit has a savepoint of ours; EF's own around every SaveChanges would be two more statements a unit.
            db.Database.AutoSavepointsEnabled = false;
            // One upsert of the daily figures a group, not one a unit: what the units that succeed move, added before the commit.
            db.DeferFigures();
            var figures = new FigureTally();
            // BEGIN IMMEDIATE: writers of other processes on the file queue here, before anything is read.
            // The group's own steps take no caller's token: one caller giving up must not undo the others.
            await using var transaction = await db.Database.BeginTransactionAsync();
            var started = Stopwatch.GetTimestamp();
            foreach (var write in waiting)
            {
                if (group.Count > 0 && Stopwatch.GetElapsedTime(started) >= RunLimit) break;
                group.Add(write);
                await transaction.CreateSavepointAsync(UnitSavepoint);
                try
                {
                    await write.RunAsync(db);
                    await transaction.ReleaseSavepointAsync(UnitSavepoint);
                    figures.AddAll(db.UnitFigures);
                    done.Add(write);
                }
                catch (Exception ex)
                {
                    await transaction.RollbackToSavepointAsync(UnitSavepoint);
                    await transaction.ReleaseSavepointAsync(UnitSavepoint);
                    write.Fail(ex);
                }
                finally
                {
                    // The next unit starts from the database, not from what this one read or left tracked.
                    db.ForgetUnit();
                }
            }
            await figures.AddToDatabaseAsync(db, CancellationToken.None);
            await transaction.CommitAsync();
        }
        catch (Exception ex)
        {
            // Nothing of the group was committed (or the savepoint could not be undone): every unit of it not
            // yet answered fails, and its caller decides, as for a failed commit of its own. A transaction that
            // could not even begin fails every unit waiting.
            var failed = group.Count > 0 ? group : waiting;
            foreach (var write in failed) write.Fail(ex);
            return failed.Count;
        }
        foreach (var write in done) write.Succeed();
        return group.Count;
    }

    private abstract class PendingWrite
    {
        /// <summary>Answers the caller at once if it gave up while queued.</summary>
        public abstract bool CancelIfRequested();

        /// <summary>Runs the work and saves its changes inside the group's transaction (not yet committed).</summary>
        public abstract Task RunAsync(RefundsDbContext db);

        public abstract void Succeed();

        public abstract void Fail(Exception exception);
    }

    private sealed class PendingWrite<T>(Func<RefundsDbContext, CancellationToken, Task<T>> work, CancellationToken cancellationToken) : PendingWrite
    {
        private readonly TaskCompletionSource<(T, IReadOnlyList<RefundStatusChanged>)> _completion =
            new(TaskCreationOptions.RunContinuationsAsynchronously);
        // The caller's trace, so the work's spans (EF's commands) stay under its request.
        private readonly Activity? _callerActivity = Activity.Current;
        private T _result = default!;
        private IReadOnlyList<RefundStatusChanged> _changes = [];

        public Task<(T Result, IReadOnlyList<RefundStatusChanged> Changes)> Completion => _completion.Task;

        public override bool CancelIfRequested() =>
            cancellationToken.IsCancellationRequested && _completion.TrySetCanceled(cancellationToken);

        // An async method: the Activity.Current set here does not leak into the writer loop.
        public override async Task RunAsync(RefundsDbContext db)
        {
            Activity.Current = _callerActivity;
            _result = await work(db, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            _changes = UnitOfWork.SavedChanges(db);
        }

        public override void Succeed() => _completion.TrySetResult((_result, _changes));

        public override void Fail(Exception exception) => _completion.TrySetException(exception);
    }
}
