using System.Text.Json;
using Microsoft.Data.Sqlite;

// The least an API can do per created refund: read the JSON body, insert one row, commit, answer 201.
// Same file settings as the product (WAL, synchronous FULL, 30 s busy timeout) so the ratio to it
// measures the product's own cost, not SQLite's.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var connectionString = new SqliteConnectionStringBuilder(builder.Configuration.GetConnectionString("Baseline")
    ?? throw new InvalidOperationException("ConnectionStrings:Baseline is required.")) { DefaultTimeout = 30 }.ToString();

await using (var setup = new SqliteConnection(connectionString))
{
    await setup.OpenAsync();
    await using var command = setup.CreateCommand();
    command.CommandText = """
        PRAGMA journal_mode=WAL;
        CREATE TABLE IF NOT EXISTS refunds (id TEXT NOT NULL PRIMARY KEY, payment_id TEXT NOT NULL,
            amount TEXT NOT NULL, reason_code TEXT NOT NULL, created_at INTEGER NOT NULL);
        """;
    await command.ExecuteNonQueryAsync();
}

var app = builder.Build();
app.MapGet("/health", () => "Healthy");
app.MapPost("/payouts/refunds", async (HttpRequest request) =>
{
    using var body = await JsonDocument.ParseAsync(request.Body);
    var item = body.RootElement;
    var id = Guid.CreateVersion7();
    await using var connection = new SqliteConnection(connectionString);
    await connection.OpenAsync();
    await using (var pragma = connection.CreateCommand())
    {
        pragma.CommandText = "PRAGMA synchronous=FULL;";
        await pragma.ExecuteNonQueryAsync();
    }
    await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
    await using var insert = connection.CreateCommand();
    insert.CommandText = "INSERT INTO refunds VALUES ($id, $payment, $amount, $reason, $at)";
    insert.Parameters.AddWithValue("$id", id.ToString());
    insert.Parameters.AddWithValue("$payment", item.GetProperty("payment_id").GetString());
    insert.Parameters.AddWithValue("$amount", item.GetProperty("amount").GetRawText());
    insert.Parameters.AddWithValue("$reason", item.GetProperty("reason_code").GetString());
    insert.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.UtcTicks);
    await insert.ExecuteNonQueryAsync();
    await transaction.CommitAsync();
    return Results.Json(new[] { new { refund_id = id, status = "CREATED" } }, statusCode: StatusCodes.Status201Created);
});
app.Run();
