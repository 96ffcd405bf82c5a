using Npgsql;

namespace Refunds.Dashboard.Tests.Support;

/// <summary>The servers the tests and the benchmarks start: fast for the tests, durable at commit for the benchmarks.</summary>
public sealed class PostgreSqlServerTests
{
    [Fact]
    public async Task A_durable_server_waits_for_the_disk_at_every_commit_as_a_deployed_one_does()
    {
        await using var server = await PostgreSqlServer.StartDurableAsync();

        Assert.Equal(["on", "on", "on"], await SettingsAsync(server, "fsync", "synchronous_commit", "full_page_writes"));
    }

    [Fact]
    public async Task A_private_test_server_does_not_wait_for_the_disk()
    {
        await using var server = await PostgreSqlServer.StartPrivateAsync();

        Assert.Equal(["off", "off", "off"], await SettingsAsync(server, "fsync", "synchronous_commit", "full_page_writes"));
    }

    private static async Task<string[]> SettingsAsync(PostgreSqlServer server, params string[] names)
    {
        await using var connection = new NpgsqlConnection(server.ConnectionStringFor("postgres"));
        await connection.OpenAsync();
        var values = new List<string>();
        foreach (var name in names)
        {
            await using var command = new NpgsqlCommand("SELECT current_setting($1)", connection);
            command.Parameters.AddWithValue(name);
            values.Add((string)(await command.ExecuteScalarAsync())!);
        }
        return [.. values];
    }
}
