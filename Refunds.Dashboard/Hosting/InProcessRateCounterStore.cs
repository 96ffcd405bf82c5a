namespace Refunds.Dashboard.Hosting;

/// <summary>
/// Rate counters in this process's memory: what <see cref="RateCounters"/> counts on while the shared
/// store does not answer, so this instance still enforces every limit on the requests it sees.
/// </summary>
internal sealed class InProcessRateCounterStore(TimeProvider clock) : IRateCounterStore
{
    private readonly Dictionary<string, RateCount> _counters = [];
    private DateTimeOffset _nextSweep;

    public Task<RateCount> AddAsync(string key, long hits, TimeSpan window, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        lock (_counters)
        {
            if (now >= _nextSweep) Sweep(now);
            var counter = _counters.TryGetValue(key, out var current) && current.EndsAt > now
                ? current with { Count = current.Count + hits }
                : new RateCount(hits, now + window);
            _counters[key] = counter;
            return Task.FromResult(counter);
        }
    }

    public Task<long> ReadAsync(string key, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        lock (_counters) return Task.FromResult(_counters.TryGetValue(key, out var counter) && counter.EndsAt > now ? counter.Count : 0);
    }

    public Task RemoveAsync(string key, CancellationToken cancellationToken)
    {
        lock (_counters) _counters.Remove(key);
        return Task.CompletedTask;
    }

    private void Sweep(DateTimeOffset now)
    {
        foreach (var (key, counter) in _counters)
            if (counter.EndsAt <= now) _counters.Remove(key);
        _nextSweep = now + TimeSpan.FromMinutes(1);
    }
}
