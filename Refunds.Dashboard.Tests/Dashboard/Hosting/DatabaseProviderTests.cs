using System.Net;
using Refunds.Dashboard.Tests.Support;

namespace Refunds.Dashboard.Tests.Dashboard.Hosting;

public class DatabaseProviderTests
{
    [Fact]
    public async Task App_on_PostgreSql_migrates_an_empty_database_at_start_and_runs_refunds_through_it()
    {
        var server = await PostgreSqlServer.GetAsync();
        var database = await server.CreateDatabaseAsync();
        try
        {
            await using var app = new OnDatabase(("Database:Provider", "PostgreSql"), ("ConnectionStrings:Refunds", server.ConnectionStringFor(database)));

            var refund = await app.RefundAsync(await app.PaymentAsync(100m), 40m);
            await app.ApproveAsync(refund);

            Assert.Equal("APPROVED", (await app.LeanRefundAsync(refund))["status"]!.GetValue<string>());
            Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync("/health/ready")).StatusCode);
        }
        finally
        {
            await server.DropDatabaseAsync(database);
        }
    }

    [Fact]
    public void App_refuses_to_start_on_an_unknown_database_provider_and_names_the_setting()
    {
        using var app = new OnDatabase(("Database:Provider", "Oracle"));

        var refusal = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains("Database:Provider", refusal.ToString());
        Assert.Contains("Sqlite or PostgreSql", refusal.ToString());
    }

    private sealed class OnDatabase(params (string Key, string Value)[] settings) : ApiFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings =>
            settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value));
    }
}
