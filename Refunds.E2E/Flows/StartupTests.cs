using System.Net;
using Refunds.E2E.Harness;

namespace Refunds.E2E.Flows;

public class StartupTests(DashboardProcess dashboard) : IClassFixture<DashboardProcess>
{
    [Fact]
    public async Task The_dashboard_process_starts_on_a_fresh_database_and_reports_healthy()
    {
        using var http = new HttpClient { BaseAddress = dashboard.BaseAddress };

        var response = await http.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Now listening on: " + dashboard.BaseAddress.ToString().TrimEnd('/'), dashboard.Output);
    }
}
