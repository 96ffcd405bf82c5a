using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Data.Sqlite;

// The least a competent API does per created refund: read the JSON body into a typed record
// (source-generated, as the product reads it), insert one row, commit durably, answer 201. SQLite is
// set up as a careful engineer would: WAL, synchronous=FULL, and SQLite's own busy handler
// (busy_timeout), so a writer that finds the file locked waits in SQLite's short steps rather than
// Microsoft.Data.Sqlite's 150 ms sleeps.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, BaselineJson.Default));
var connectionString = builder.Configuration.GetConnectionString("Baseline")
    ?? throw new InvalidOperationException("ConnectionStrings:Baseline is required.");

await using (var setup = await OpenAsync(connectionString))
{
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
    var item = await JsonSerializer.DeserializeAsync(request.Body, BaselineJson.Default.CreateRefundItem)
        ?? throw new BadHttpRequestException("A refund item is required.");
    var id = Guid.CreateVersion7();
    await using var connection = await OpenAsync(connectionString);
    // BEGIN IMMEDIATE: takes the write lock first, so SQLite's busy handler covers the wait for it.
    await using var transaction = connection.BeginTransaction(deferred: false);
    await using var insert = connection.CreateCommand();
    insert.CommandText = "INSERT INTO refunds VALUES ($id, $payment, $amount, $reason, $at)";
    insert.Parameters.AddWithValue("$id", id.ToString());
    insert.Parameters.AddWithValue("$payment", item.PaymentId.ToString());
    insert.Parameters.AddWithValue("$amount", item.Amount.ToString(System.Globalization.CultureInfo.InvariantCulture));
    insert.Parameters.AddWithValue("$reason", item.ReasonCode);
    insert.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.UtcTicks);
    await insert.ExecuteNonQueryAsync();
    await transaction.CommitAsync();
    return Results.Json(new[] { new CreatedRefund(id, "CREATED") }, BaselineJson.Default.CreatedRefundArray, statusCode: StatusCodes.Status201Created);
});
app.Run();

// A pooled connection keeps its pragmas, but a fresh one has SQLite's defaults: set them on every open (microseconds).
static async Task<SqliteConnection> OpenAsync(string connectionString)
{
    var connection = new SqliteConnection(connectionString);
    await connection.OpenAsync();
    await using var pragmas = connection.CreateCommand();
    pragmas.CommandText = "PRAGMA busy_timeout=30000; PRAGMA synchronous=FULL;";
    await pragmas.ExecuteNonQueryAsync();
    return connection;
}

internal sealed record CreateRefundItem(Guid PaymentId, decimal Amount, string ReasonCode);

internal sealed record CreatedRefund(Guid RefundId, string Status);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(CreateRefundItem))]
[JsonSerializable(typeof(CreatedRefund[]))]
internal sealed partial class BaselineJson : JsonSerializerContext;
