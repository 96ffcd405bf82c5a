using Npgsql;

/// <summary>
/// PostgreSQL as a careful engineer would use it: Npgsql's default connection pool, one prepared INSERT
/// a request in its own (implicit) transaction, whose commit waits for the WAL to reach the disk
/// (synchronous_commit on, the server's default).
/// </summary>
internal sealed class PostgreSqlRefundTable(NpgsqlDataSource dataSource) : IRefundTable
{
    public static async Task<PostgreSqlRefundTable> CreateAsync(string connectionString)
    {
        var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var create = dataSource.CreateCommand("""
            CREATE TABLE IF NOT EXISTS refunds (id uuid NOT NULL PRIMARY KEY, payment_id uuid NOT NULL,
                amount numeric NOT NULL, reason_code text NOT NULL, created_at bigint NOT NULL)
            """);
        await create.ExecuteNonQueryAsync();
        return new PostgreSqlRefundTable(dataSource);
    }

    public async Task InsertAsync(Guid id, CreateRefundItem item, long createdAtTicks)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var insert = new NpgsqlCommand("INSERT INTO refunds VALUES ($1, $2, $3, $4, $5)", connection)
        {
            Parameters =
            {
                new NpgsqlParameter<Guid> { TypedValue = id },
                new NpgsqlParameter<Guid> { TypedValue = item.PaymentId },
                new NpgsqlParameter<decimal> { TypedValue = item.Amount },
                new NpgsqlParameter<string> { TypedValue = item.ReasonCode },
                new NpgsqlParameter<long> { TypedValue = createdAtTicks },
            },
        };
        // Prepared once on each pooled connection: Npgsql keeps it across opens and reuses it here.
        await insert.PrepareAsync();
        await insert.ExecuteNonQueryAsync();
    }
}
