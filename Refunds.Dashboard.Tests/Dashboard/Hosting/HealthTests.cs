using System.Net;
using Refunds.Dashboard.Tests.Support;

namespace Refunds.Dashboard.Tests.Dashboard.Hosting;

public class HealthTests(DashboardFactory app) : IClassFixture<DashboardFactory>
{
    [Fact]
    public async Task Health_answers_200_without_sign_in_once_the_database_is_migrated()
    {
        var response = await app.CreateClient().GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }
}
