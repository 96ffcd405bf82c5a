using Microsoft.AspNetCore.Hosting;
using Refunds.Dashboard.Tests.Support;

namespace Refunds.Dashboard.Tests.Dashboard.Identity;

public class BuiltInProviderStartupTests
{
    private sealed class ProductionFactory(bool allow) : DashboardFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
            [new("BuiltInProvider:AllowInProduction", allow ? "true" : "false"), new("DataProtection:AllowUnencryptedKeysInProduction", "true")];

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
        }
    }

    [Fact]
    public async Task Production_refuses_to_start_the_built_in_provider_unless_told_to()
    {
        await using var app = new ProductionFactory(allow: false);

        var error = Assert.Throws<InvalidOperationException>(() => app.CreateClient());

        Assert.Contains("BuiltInProvider:AllowInProduction", error.Message);
    }

    [Fact]
    public async Task Production_starts_the_built_in_provider_when_explicitly_allowed()
    {
        await using var app = new ProductionFactory(allow: true);

        var response = await app.CreateClient().GetAsync("/health");

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }
}
