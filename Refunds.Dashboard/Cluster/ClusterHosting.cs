using Microsoft.AspNetCore.SignalR.StackExchangeRedis;
using Refunds.Dashboard.Hosting;
using StackExchange.Redis;

namespace Refunds.Dashboard.Cluster;

public static class ClusterHosting
{
    /// <summary>Prefixes every Redis channel unless the connection string names its own (<c>channelPrefix=</c>), so deployments may share one Redis.</summary>
    private const string DefaultChannelPrefix = "refunds";

    /// <summary>
    /// With <c>ConnectionStrings:Redis</c> set, live status crosses instances: SignalR's Redis backplane
    /// carries hub broadcasts, and <see cref="RedisStatusRelay"/> carries status changes to the other
    /// instances' pages, over one shared connection; rate limits and sign-in lockouts count there too
    /// (<see cref="RedisRateCounterStore"/>). Without it, live status stays in one instance's memory and
    /// the limits count in the database.
    /// </summary>
    public static WebApplicationBuilder AddRefundsCluster(this WebApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString("Redis");
        if (string.IsNullOrWhiteSpace(connectionString)) return builder;

        ConfigurationOptions redis;
        try
        {
            redis = ConfigurationOptions.Parse(connectionString);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidOperationException($"Setting ConnectionStrings:Redis is not a Redis connection string (e.g. \"127.0.0.1:6379\"): {ex.Message}", ex);
        }
        if (redis.ChannelPrefix.IsNullOrEmpty) redis.ChannelPrefix = RedisChannel.Literal(DefaultChannelPrefix);
        // Refunds do not depend on Redis: an instance starts and serves without it, and reconnects by itself.
        redis.AbortOnConnectFail = false;
        // Live status is at most once: while Redis is away, sends fail at once rather than hold up the commits that raise them.
        redis.BacklogPolicy = BacklogPolicy.FailFast;

        builder.Services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(redis));
        var prefix = redis.ChannelPrefix.ToString();
        builder.Services.AddSingleton<IRateCounterStore>(services =>
            new RedisRateCounterStore(services.GetRequiredService<IConnectionMultiplexer>(), prefix, services.GetRequiredService<TimeProvider>()));
        builder.Services.AddSignalR().AddStackExchangeRedis();
        // SignalR subscribes on first use and never again once it holds a connection: hand it the shared one
        // only when it is up. Until then hub clients are refused (and retry) and broadcasts fail, as with
        // SignalR's own connection.
        builder.Services.AddOptions<RedisOptions>().Configure<IServiceProvider>((o, services) => o.ConnectionFactory = _ =>
            services.GetRequiredService<IConnectionMultiplexer>() is { IsConnected: true } connected
                ? Task.FromResult(connected)
                : Task.FromException<IConnectionMultiplexer>(new RedisConnectionException(ConnectionFailureType.UnableToConnect,
                    "Redis (ConnectionStrings:Redis) does not answer yet")));
        builder.Services.AddHostedService<RedisStatusRelay>();
        builder.Services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: [Hosting.Observability.Ready]);
        return builder;
    }
}
