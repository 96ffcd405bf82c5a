using Refunds.Dashboard.Hosting;
using StackExchange.Redis;

namespace Refunds.Dashboard.Cluster;

/// <summary>
/// Rate counters in Redis, for instances that share one: a hit is one Lua script (add, and set the
/// window's expiry on a new counter), atomic on the server, so instances never lose each other's hits.
/// Keys start with the deployment's prefix (the channel prefix, <c>refunds</c> unless the connection
/// string names one), so deployments sharing one Redis count apart; Redis drops expired counters itself.
/// </summary>
internal sealed class RedisRateCounterStore(IConnectionMultiplexer redis, string prefix, TimeProvider clock) : IRateCounterStore
{
    // A counter without an expiry (a new one) gets the window; the answer is the count and the milliseconds left.
    private const string AddScript = """
        local count = redis.call('INCRBY', KEYS[1], ARGV[1])
        local left = redis.call('PTTL', KEYS[1])
        if left < 0 then
            redis.call('PEXPIRE', KEYS[1], ARGV[2])
            left = tonumber(ARGV[2])
        end
        return {count, left}
        """;

    public async Task<RateCount> AddAsync(string key, long hits, TimeSpan window, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var answer = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(AddScript, [Key(key)], [hits, (long)Math.Ceiling(window.TotalMilliseconds)]))!;
        return new RateCount((long)answer[0], now + TimeSpan.FromMilliseconds((long)answer[1]));
    }

    public async Task<long> ReadAsync(string key, CancellationToken cancellationToken) =>
        (long?)await redis.GetDatabase().StringGetAsync(Key(key)) ?? 0;

    public Task RemoveAsync(string key, CancellationToken cancellationToken) => redis.GetDatabase().KeyDeleteAsync(Key(key));

    private RedisKey Key(string key) => $"{prefix}:rate:{key}";
}
