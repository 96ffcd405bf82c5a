using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Refunds.Dashboard.Payouts;
using Refunds.Dashboard.Tests.Support;
using StackExchange.Redis;

namespace Refunds.Dashboard.Tests.Dashboard.Cluster;

public class ClusterHostingTests
{
    [Fact]
    public async Task Without_redis_an_instance_keeps_live_status_in_memory()
    {
        await using var app = new ApiFactory();

        Assert.Null(app.Services.GetService<IConnectionMultiplexer>());
        Assert.IsType<DefaultHubLifetimeManager<RefundsHub>>(app.Services.GetRequiredService<HubLifetimeManager<RefundsHub>>());
    }

    [Fact]
    public async Task A_redis_connection_string_that_is_not_one_stops_the_app_naming_the_setting()
    {
        await using var app = new RedisAt("127.0.0.1:6379,no-such-option=1");

        var error = Assert.Throws<InvalidOperationException>(() => app.CreateClient());

        Assert.Contains("ConnectionStrings:Redis", error.Message);
    }

    private sealed class RedisAt(string connectionString) : ApiFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings => [new("ConnectionStrings:Redis", connectionString)];
    }
}
