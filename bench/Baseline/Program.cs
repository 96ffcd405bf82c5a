using System.Text.Json;
using System.Text.Json.Serialization;

// The least a competent API does per created refund: read the JSON body into a typed record
// (source-generated, as the product reads it), insert one row, commit durably, answer 201; on SQLite
// (SqliteRefundTable) or, with Database:Provider=PostgreSql as the app names it, on PostgreSQL
// (PostgreSqlRefundTable).
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, BaselineJson.Default));
var connectionString = builder.Configuration.GetConnectionString("Baseline")
    ?? throw new InvalidOperationException("ConnectionStrings:Baseline is required.");
IRefundTable refunds = string.Equals(builder.Configuration["Database:Provider"], "PostgreSql", StringComparison.OrdinalIgnoreCase)
    ? await PostgreSqlRefundTable.CreateAsync(connectionString)
    : await SqliteRefundTable.CreateAsync(connectionString);

var app = builder.Build();
app.MapGet("/health", () => "Healthy");
app.MapPost("/payouts/refunds", async (HttpRequest request) =>
{
    var item = await JsonSerializer.DeserializeAsync(request.Body, BaselineJson.Default.CreateRefundItem)
        ?? throw new BadHttpRequestException("A refund item is required.");
    var id = Guid.CreateVersion7();
    await refunds.InsertAsync(id, item, DateTimeOffset.UtcNow.UtcTicks);
    return Results.Json(new[] { new CreatedRefund(id, "CREATED") }, BaselineJson.Default.CreatedRefundArray, statusCode: StatusCodes.Status201Created);
});
app.Run();

internal sealed record CreateRefundItem(Guid PaymentId, decimal Amount, string ReasonCode);

internal sealed record CreatedRefund(Guid RefundId, string Status);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(CreateRefundItem))]
[JsonSerializable(typeof(CreatedRefund[]))]
internal sealed partial class BaselineJson : JsonSerializerContext;
