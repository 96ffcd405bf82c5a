using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Refunds.Dashboard.Tests.Dashboard.Hosting;

public class HealthTests
{
    [Fact]
    public async Task Health_answers_200_once_the_database_is_migrated()
    {
        var database = Path.Combine(Path.GetTempPath(), $"refunds-health-{Guid.NewGuid():N}.db");
        await using var app = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("ConnectionStrings:Refunds", $"Data Source={database}");
            web.UseSetting("DemoData:Enabled", "false");
        });

        var response = await app.CreateClient().GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }
}
