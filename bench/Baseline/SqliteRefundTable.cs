using System.Globalization;
using Microsoft.Data.Sqlite;

/// <summary>
/// SQLite set up as a careful engineer would: WAL, synchronous=FULL, and SQLite's own busy handler
/// (busy_timeout), so a writer that finds the file locked waits in SQLite's short steps rather than
/// Microsoft.Data.Sqlite's 150 ms sleeps. One transaction a request, one writer at a time in the process:
/// without the semaphore this process's writers met in the busy handler, whose sleeps grow to 100 ms, and its
/// p99 was 0.6–0.9 s at the same throughput (bench/README.md, round 11).
/// </summary>
internal sealed class SqliteRefundTable(string connectionString) : IRefundTable
{
    // The file's write lock, taken in the process first: waiters queue here instead of polling SQLite's lock.
    private readonly SemaphoreSlim _writer = new(1, 1);

    public static async Task<SqliteRefundTable> CreateAsync(string connectionString)
    {
        await using var setup = await OpenAsync(connectionString);
        await using var command = setup.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode=WAL;
            CREATE TABLE IF NOT EXISTS refunds (id TEXT NOT NULL PRIMARY KEY, payment_id TEXT NOT NULL,
                amount TEXT NOT NULL, reason_code TEXT NOT NULL, created_at INTEGER NOT NULL);
            """;
        await command.ExecuteNonQueryAsync();
        return new SqliteRefundTable(connectionString);
    }

    public async Task InsertAsync(Guid id, CreateRefundItem item, long createdAtTicks)
    {
        await _writer.WaitAsync();
        try
        {
            await InsertOneAsync(id, item, createdAtTicks);
        }
        finally
        {
            _writer.Release();
        }
    }

    private async Task InsertOneAsync(Guid id, CreateRefundItem item, long createdAtTicks)
    {
        await using var connection = await OpenAsync(connectionString);
        // BEGIN IMMEDIATE: takes the write lock first, so SQLite's busy handler covers the wait for it.
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO refunds VALUES ($id, $payment, $amount, $reason, $at)";
        insert.Parameters.AddWithValue("$id", id.ToString());
        insert.Parameters.AddWithValue("$payment", item.PaymentId.ToString());
        insert.Parameters.AddWithValue("$amount", item.Amount.ToString(CultureInfo.InvariantCulture));
        insert.Parameters.AddWithValue("$reason", item.ReasonCode);
        insert.Parameters.AddWithValue("$at", createdAtTicks);
        await insert.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
    }

    // A pooled connection keeps its pragmas, but a fresh one has SQLite's defaults: set them on every open (microseconds).
    private static async Task<SqliteConnection> OpenAsync(string connectionString)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var pragmas = connection.CreateCommand();
        pragmas.CommandText = "PRAGMA busy_timeout=30000; PRAGMA synchronous=FULL;";
        await pragmas.ExecuteNonQueryAsync();
        return connection;
    }
}
