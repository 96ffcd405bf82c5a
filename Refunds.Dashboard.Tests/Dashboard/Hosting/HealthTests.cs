using System.Net;
using Refunds.Dashboard.Tests.Support;

namespace Refunds.Dashboard.Tests.Dashboard.Hosting;

public class HealthTests(DashboardFactory app) : IClassFixture<DashboardFactory>
{
    [Theory]
    [InlineData("/health")]
    [InlineData("/health/ready")]
    [InlineData("/health/live")]
    public async Task Health_answers_200_without_sign_in_once_the_database_is_migrated(string path)
    {
        var response = await app.CreateClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }
}

public class UnreachableDatabaseHealthTests
{
    [Fact]
    public async Task Ready_fails_and_live_holds_when_the_database_goes_away()
    {
        await using var app = new DashboardFactory();
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);

        // The database file is replaced by a directory: nothing can open it any more. The app's background services
        // may open it (and so make it again) between the delete and the directory: then once more.
        for (var attempt = 1; ; attempt++)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(app.DatabasePath + suffix);
            try
            {
                Directory.CreateDirectory(app.DatabasePath);
                break;
            }
            catch (IOException) when (attempt < 20)
            {
                await Task.Delay(50);
            }
        }
        try
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health/ready")).StatusCode);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        }
        finally
        {
            Directory.Delete(app.DatabasePath);
        }
    }
}
