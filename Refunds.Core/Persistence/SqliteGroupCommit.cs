using System.Data.Common;
using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Refunds.Core.Analytics;
using Refunds.Core.Refunds;

namespace Refunds.Core.Persistence;

/// <summary>
/// This process's SQLite writers, one after another in one writer loop on one connection, committed in
/// groups: the saves waiting when a transaction starts run in it in turn, each inside its own savepoint,
/// and one commit (one fsync) makes them all durable. No caller hears of success before that commit
/// returns, so a commit is as durable as before; a unit that fails rolls back to its savepoint and takes
/// nobody else's work with it. See ADR-010 and ADR-019.
/// <para>
/// Only what must be serial runs in the writer. A unit that writes through its tracked entities
/// (<see cref="UnitWrites.Tracked"/>) reads, checks its rules and builds its changes first, in parallel with
/// the others, on a read-only connection; the writer then only saves them. What it read may have changed
/// by then: the versions and unique keys of the rows it writes refuse the save, as they do on PostgreSQL,
/// and the unit of work runs it again, this time whole in the writer, where nobody can overtake it.
/// A unit that writes as it goes (<see cref="UnitWrites.Directly"/>) runs whole in the writer at once.
/// </para>
/// </summary>
internal sealed class SqliteGroupCommit : IUnitOfWorkTransactions, IAsyncDisposable
{
    // Bounds how long the file's write lock is held, and so what another process (or the first unit of
    // a group) waits for; under load groups are as large as the number of writers waiting.
    private const int MaxGroupSize = 64;
    private const string UnitSavepoint = "unit_of_work";
    // SQLITE_READONLY: a statement of the unit's own tried to write on the read-only connection.
    private const int ReadOnlyError = 8;
    // The writer keeps its pages between groups (nobody else writes the file), so a larger cache saves
    // re-reading the indexes every save touches: 32 MiB (negative: in KiB).
    private const int WriterCacheKiB = 32 * 1024;

    private readonly DbContextOptions _options;
    private readonly string _connectionString;
    private readonly string _readOnlyConnectionString;
    private readonly Channel<PendingWrite> _queue = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;
    private SqliteConnection? _connection;

    public SqliteGroupCommit(DbContextOptions<SqliteRefundsDbContext> options)
    {
        // Contexts of this class are its own, not the pool's: their connection is swapped for the writer's.
        _options = options;
        using (var db = NewContext()) _connectionString = db.Database.GetConnectionString()!;
        _readOnlyConnectionString = new SqliteConnectionStringBuilder(_connectionString) { Mode = SqliteOpenMode.ReadOnly }.ToString();
        _writer = Task.Run(WriteAsync);
    }

    public async Task<(T Result, IReadOnlyList<RefundStatusChanged> Changes)> RunAsync<T>(
        Func<RefundsDbContext, CancellationToken, Task<T>> work, UnitWrites writes, int attempt, CancellationToken cancellationToken)
    {
        if (writes == UnitWrites.Tracked && attempt == 1)
        {
            await using var db = NewContext();
            db.Database.SetConnectionString(_readOnlyConnectionString);
            db.SavesRefused = true;
            T result;
            try
            {
                result = await work(db, cancellationToken);
            }
            catch (Exception ex) when (WroteWhileReading(ex))
            {
                // It writes as it goes after all: run it again, whole, in the writer.
                return await EnqueueAsync(new WorkInWriter<T>(work, cancellationToken));
            }
            // Detected here, off the writer; neither the check below nor the save looks again.
            db.ChangeTracker.DetectChanges();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            // A unit that changed nothing needs no writer.
            if (!db.ChangeTracker.HasChanges()) return (result, []);
            db.SavesRefused = false;
            // The save's SQL is built here too: the writer only runs it.
            await db.PrepareSaveAsync(cancellationToken);
            return await EnqueueAsync(new ChangesToSave<T>(db, result, cancellationToken));
        }
        return await EnqueueAsync(new WorkInWriter<T>(work, cancellationToken));
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer;
        if (_connection is not null) await _connection.DisposeAsync();
    }

    private Task<(T Result, IReadOnlyList<RefundStatusChanged> Changes)> EnqueueAsync<T>(PendingWrite<T> write)
    {
        if (!_queue.Writer.TryWrite(write)) throw new ObjectDisposedException(nameof(SqliteGroupCommit));
        return write.Completion;
    }

    private RefundsDbContext NewContext() => new SqliteRefundsDbContext((DbContextOptions<SqliteRefundsDbContext>)_options);

    private static bool WroteWhileReading(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
            if (e is WriterNeeded or SqliteException { SqliteErrorCode: ReadOnlyError }) return true;
        return false;
    }

    private async Task WriteAsync()
    {
        var group = new List<PendingWrite>(MaxGroupSize);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (group.Count < MaxGroupSize && _queue.Reader.TryRead(out var write))
                if (!write.CancelIfRequested()) group.Add(write);
            if (group.Count > 0) await CommitAsync(group);
            group.Clear();
        }
    }

    private async Task CommitAsync(List<PendingWrite> group)
    {
        var done = new List<PendingWrite>(group.Count);
        // What the group's units move in the daily figures, written once for all of them.
        var figures = new FigureTally();
        RefundsDbContext? shared = null;
        try
        {
            var connection = await WriterConnectionAsync();
            // BEGIN IMMEDIATE: writers of other processes on the file queue here, before anything is read.
            // The group's own steps take no caller's token: one caller giving up must not undo the others.
            await using var transaction = await connection.BeginTransactionAsync();
            foreach (var write in group)
            {
                await transaction.SaveAsync(UnitSavepoint);
                try
                {
                    // Work run whole in the writer shares one context a group, emptied between units.
                    if (write.RunsWork) shared ??= await JoinAsync(NewContext(), connection, transaction);
                    await write.RunAsync(shared, connection, transaction);
                    await transaction.ReleaseAsync(UnitSavepoint);
                    figures.AddAll(write.Figures);
                    done.Add(write);
                }
                catch (Exception ex)
                {
                    await transaction.RollbackAsync(UnitSavepoint);
                    await transaction.ReleaseAsync(UnitSavepoint);
                    write.Fail(ex);
                }
                finally
                {
                    // The next unit starts from the database, not from what this one read or left tracked.
                    shared?.ChangeTracker.Clear();
                }
            }
            if (!figures.IsEmpty)
            {
                shared ??= await JoinAsync(NewContext(), connection, transaction);
                await figures.AddToDatabaseAsync(shared, CancellationToken.None);
            }
            await transaction.CommitAsync();
        }
        catch (Exception ex)
        {
            // Nothing of the group was committed (or the savepoint could not be undone): every unit not
            // yet answered fails, and its caller decides, as for a failed commit of its own.
            foreach (var write in group) write.Fail(ex);
            await DropConnectionAsync();
            return;
        }
        finally
        {
            if (shared is not null) await shared.DisposeAsync();
        }
        foreach (var write in done) write.Succeed();
    }

    // One connection for every group: only this loop writes the file from this process, so the pages it
    // cached stay valid from one group to the next.
    private async Task<SqliteConnection> WriterConnectionAsync()
    {
        if (_connection is not null) return _connection;
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = $"PRAGMA cache_size = -{WriterCacheKiB}";
            await command.ExecuteNonQueryAsync();
        }
        return _connection = connection;
    }

    // After a failed group the connection may be in any state: the next group starts on a new one.
    private async Task DropConnectionAsync()
    {
        if (_connection is null) return;
        await _connection.DisposeAsync();
        _connection = null;
    }

    /// <summary>Points <paramref name="db"/> at the writer's connection, inside the group's transaction.</summary>
    private static async Task<RefundsDbContext> JoinAsync(RefundsDbContext db, DbConnection connection, DbTransaction transaction)
    {
        db.Database.SetDbConnection(connection, contextOwnsConnection: false);
        // Each unit has a savepoint of ours; EF's own around every SaveChanges would be two more statements a unit.
        db.Database.AutoSavepointsEnabled = false;
        await db.Database.UseTransactionAsync(transaction);
        return db;
    }

    /// <summary>A unit's work can write only once it runs in the writer.</summary>
    internal sealed class WriterNeeded() : InvalidOperationException("This unit of work saves before it returns: it runs in the writer.");

    private abstract class PendingWrite
    {
        /// <summary>Answers the caller at once if it gave up while queued.</summary>
        public abstract bool CancelIfRequested();

        /// <summary>What the unit's saves move in the daily figures (see <see cref="RefundsDbContext.HeldFigures"/>).</summary>
        public FigureTally Figures { get; } = new();

        /// <summary>Whether the unit's work itself runs in the writer, on the group's shared context.</summary>
        public virtual bool RunsWork => false;

        /// <summary>Writes the unit inside the group's transaction (not yet committed).</summary>
        public abstract Task RunAsync(RefundsDbContext? shared, DbConnection connection, DbTransaction transaction);

        public abstract void Succeed();

        public abstract void Fail(Exception exception);
    }

    private abstract class PendingWrite<T>(CancellationToken cancellationToken) : PendingWrite
    {
        private readonly TaskCompletionSource<(T, IReadOnlyList<RefundStatusChanged>)> _completion =
            new(TaskCreationOptions.RunContinuationsAsynchronously);
        // The caller's trace, so the writer's spans (EF's commands) stay under its request.
        private readonly Activity? _callerActivity = Activity.Current;

        protected CancellationToken CancellationToken => cancellationToken;

        protected T Result { get; set; } = default!;

        protected IReadOnlyList<RefundStatusChanged> Changes { get; set; } = [];

        public Task<(T Result, IReadOnlyList<RefundStatusChanged> Changes)> Completion => _completion.Task;

        public override bool CancelIfRequested() =>
            cancellationToken.IsCancellationRequested && _completion.TrySetCanceled(cancellationToken);

        // An async method: the Activity.Current set here does not leak into the writer loop.
        public override async Task RunAsync(RefundsDbContext? shared, DbConnection connection, DbTransaction transaction)
        {
            Activity.Current = _callerActivity;
            await WriteAsync(shared, connection, transaction);
        }

        protected abstract Task WriteAsync(RefundsDbContext? shared, DbConnection connection, DbTransaction transaction);

        public override void Succeed() => _completion.TrySetResult((Result, Changes));

        public override void Fail(Exception exception) => _completion.TrySetException(exception);
    }

    /// <summary>Changes a unit built before it reached the writer, saved on the writer's connection.</summary>
    private sealed class ChangesToSave<T>(RefundsDbContext db, T result, CancellationToken cancellationToken)
        : PendingWrite<T>(cancellationToken)
    {
        protected override async Task WriteAsync(RefundsDbContext? shared, DbConnection connection, DbTransaction transaction)
        {
            await JoinAsync(db, connection, transaction);
            db.HeldFigures = Figures;
            try
            {
                // The context is thrown away after: accepting its changes would be work for nothing.
                await db.SaveChangesAsync(acceptAllChangesOnSuccess: false, CancellationToken);
                Result = result;
                Changes = UnitOfWork.SavedChanges(db);
            }
            finally
            {
                // The caller disposes the context; it must not take the writer's transaction with it.
                await db.Database.UseTransactionAsync(null);
            }
        }
    }

    /// <summary>A unit whose work runs whole in the writer, inside the group's transaction.</summary>
    private sealed class WorkInWriter<T>(Func<RefundsDbContext, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
        : PendingWrite<T>(cancellationToken)
    {
        public override bool RunsWork => true;

        protected override async Task WriteAsync(RefundsDbContext? shared, DbConnection connection, DbTransaction transaction)
        {
            shared!.HeldFigures = Figures;
            Result = await work(shared, CancellationToken);
            // The shared context is emptied after each unit: accepting its changes would be work for nothing.
            await shared.SaveChangesAsync(acceptAllChangesOnSuccess: false, CancellationToken);
            Changes = UnitOfWork.SavedChanges(shared);
        }
    }
}
