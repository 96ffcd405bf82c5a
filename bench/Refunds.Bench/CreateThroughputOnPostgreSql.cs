using Npgsql;

namespace Refunds.Bench;

/// <summary>
/// Figure 1 on PostgreSQL: a server of the bench's own from Debian's binaries, durable at commit with
/// PostgreSQL's defaults as <c>deploy/local-cluster</c> runs it, on a loopback port; the app on one of its
/// databases and the baseline on another, under the same wrk load as on SQLite. Stopped, and its folder
/// removed, before the next figures.
/// </summary>
public static class CreateThroughputOnPostgreSql
{
    public static async Task RunAsync(string dashboard, string baselineDll, IReadOnlyDictionary<string, string> settings, Sizes sizes,
        long warmUpPayment, int payments, Report report)
    {
        Console.WriteLine("Starting PostgreSQL for figure 1...");
        await using var server = await PostgreSqlServer.StartDurableAsync();
        var refunds = ConnectionString(server, await server.CreateDatabaseAsync(name: "refunds"));
        var version = await ServerVersionAsync(refunds);
        var database = new CreateDatabase("1.pg_", "Create on PostgreSQL",
            $"; on PostgreSQL {version} (Debian's, its defaults: fsync and synchronous_commit on) on loopback, Npgsql's default pool, no Redis",
            $"one INSERT a request in its own transaction, prepared, Npgsql's default pool, PostgreSQL {version} with synchronous_commit on (the same server, its own database)");
        var app = new Dictionary<string, string>(settings) { ["Database:Provider"] = "PostgreSql", ["ConnectionStrings:Refunds"] = refunds };

        // A start on the empty database creates the schema the seeder writes into.
        await (await AppProcess.StartAsync(dashboard, app, "Production")).DisposeAsync();
        Console.WriteLine("Seeding payments into PostgreSQL...");
        new PostgreSqlSeeder(refunds).Payments(1, payments);
        WrkResult product;
        await using (var running = await AppProcess.StartAsync(dashboard, app, "Production"))
        {
            using var maker = await RefundsApi.SignInAsync(running.BaseAddress, "integration-maker", TimeSpan.FromMinutes(2));
            product = await CreateThroughput.ProductAsync(running, maker, sizes, 1, warmUpPayment, report, database);
        }

        var baseline = ConnectionString(server, await server.CreateDatabaseAsync(name: "baseline"));
        await CreateThroughput.BaselineAsync(baselineDll,
            new Dictionary<string, string> { ["Database:Provider"] = "PostgreSql", ["ConnectionStrings:Baseline"] = baseline }, sizes, product, report, database);
    }

    // Npgsql's default pool, as a deployment's connection string leaves it (the server's own strings cap it for the tests).
    private static string ConnectionString(PostgreSqlServer server, string database)
    {
        var builder = new NpgsqlConnectionStringBuilder(server.ConnectionStringFor(database));
        builder.Remove("Maximum Pool Size");
        return builder.ConnectionString;
    }

    private static async Task<string> ServerVersionAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return connection.PostgreSqlVersion.ToString();
    }
}
