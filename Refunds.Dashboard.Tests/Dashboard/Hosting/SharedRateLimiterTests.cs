using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Refunds.Dashboard.Hosting;

namespace Refunds.Dashboard.Tests.Dashboard.Hosting;

public class SharedRateLimiterTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Two_instances_with_a_large_limit_allow_it_exactly_and_ask_the_shared_count_once_a_batch()
    {
        var shared = new SharedCounts(_clock);
        SharedRateLimiter[] instances = [Instance(shared), Instance(shared)];

        var allowed = 0;
        for (var i = 0; i < 1500; i++)
            if ((await instances[i % 2].AcquireAsync("api-client:x", 1000, Minute, CancellationToken.None)).IsAllowed) allowed++;

        Assert.Equal(1000, allowed);
        // Batches of ten, and one refusal each once the count is over: not a shared hit per request.
        Assert.InRange(shared.Adds, 100, 102);
    }

    [Fact]
    public async Task A_key_over_its_limit_is_refused_until_its_window_ends_then_allowed_again()
    {
        var limiter = Instance(new SharedCounts(_clock));
        for (var i = 0; i < 3; i++) Assert.True((await limiter.AcquireAsync("token:a", 3, Minute, CancellationToken.None)).IsAllowed);
        _clock.Advance(TimeSpan.FromSeconds(20));

        var refused = await limiter.AcquireAsync("token:a", 3, Minute, CancellationToken.None);
        _clock.Advance(TimeSpan.FromSeconds(40));
        var afterTheWindow = await limiter.AcquireAsync("token:a", 3, Minute, CancellationToken.None);

        Assert.False(refused.IsAllowed);
        Assert.Equal(TimeSpan.FromSeconds(40), refused.RetryAfter);
        Assert.True(afterTheWindow.IsAllowed);
    }

    private SharedRateLimiter Instance(IRateCounterStore shared) =>
        new(new RateCounters(shared, _clock, NullLogger<RateCounters>.Instance), _clock);

    /// <summary>The store the instances share, counting how often it is asked to add.</summary>
    private sealed class SharedCounts(TimeProvider clock) : IRateCounterStore
    {
        private readonly Dictionary<string, RateCount> _counts = [];

        public int Adds { get; private set; }

        public Task<RateCount> AddAsync(string key, long hits, TimeSpan window, CancellationToken cancellationToken)
        {
            Adds++;
            var now = clock.GetUtcNow();
            _counts[key] = _counts.TryGetValue(key, out var count) && count.EndsAt > now
                ? count with { Count = count.Count + hits }
                : new RateCount(hits, now + window);
            return Task.FromResult(_counts[key]);
        }

        public Task<long> ReadAsync(string key, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task RemoveAsync(string key, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
