using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Refunds.Core.Persistence;
using Refunds.Dashboard.Tests.Support;

namespace Refunds.Dashboard.Tests.Core.Webhooks;

/// <summary>
/// The outbox keeps every event and its body, so the worker's passes must find the few awaiting fan-out without reading the
/// rest. EF Core writes the flag as a bare boolean column (<c>WHERE "w"."AwaitsFanOut"</c>), for which SQLite takes no
/// ordinary index: these ask SQLite how it runs the worker's queries, as EF writes them.
/// </summary>
public sealed partial class WebhookEventIndexTests : IAsyncLifetime
{
    private EngineHarness _engine = null!;

    public async Task InitializeAsync() => _engine = await EngineHarness.StartAsync();

    public async Task DisposeAsync() => await _engine.DisposeAsync();

    [Fact]
    public async Task On_SQLite_the_worker_finds_events_awaiting_fan_out_through_their_partial_index_without_scanning_the_outbox()
    {
        await using var db = await _engine.NewContextAsync();
        var leftSince = DateTimeOffset.UtcNow;
        var noEndpoint = false;

        string[] queries =
        [
            db.WebhookEvents.Where(e => e.AwaitsFanOut && (noEndpoint || e.OccurredAt <= leftSince)).Select(e => e.Id).Take(1).ToQueryString(),
            db.WebhookEvents.Where(e => e.AwaitsFanOut && e.OccurredAt <= leftSince).OrderBy(e => e.Id).Take(500).ToQueryString(),
            db.WebhookEvents.Where(e => e.AwaitsFanOut).Select(e => e.Id).ToQueryString(),
        ];

        foreach (var query in queries)
        {
            var plan = await PlanAsync(db, query);
            Assert.Contains("USING INDEX IX_webhook_events_awaiting_fan_out", plan);
            Assert.DoesNotMatch(@"SCAN w(\n|$)", plan);
        }
    }

    // EXPLAIN QUERY PLAN of EF's query text, its parameters (declared as ".param set" lines) bound to NULL: the plan does not
    // depend on their values.
    private static async Task<string> PlanAsync(RefundsDbContext db, string query)
    {
        var lines = query.Split('\n');
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + string.Join('\n', lines.Where(l => !l.StartsWith(".param", StringComparison.Ordinal)));
        foreach (Match parameter in ParameterDeclaration().Matches(query))
        {
            var bound = command.CreateParameter();
            bound.ParameterName = parameter.Groups[1].Value;
            bound.Value = DBNull.Value;
            command.Parameters.Add(bound);
        }
        await db.Database.OpenConnectionAsync();
        await using var reader = await command.ExecuteReaderAsync();
        var plan = new List<string>();
        while (await reader.ReadAsync()) plan.Add(reader.GetString(3));
        return string.Join('\n', plan);
    }

    [GeneratedRegex(@"^\.param set (\S+) ", RegexOptions.Multiline)]
    private static partial Regex ParameterDeclaration();
}
