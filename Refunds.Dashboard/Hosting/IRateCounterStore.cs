namespace Refunds.Dashboard.Hosting;

/// <summary>
/// Where rate limits and sign-in lockouts count: counters every instance shares (Redis when
/// <c>ConnectionStrings:Redis</c> is set, else the database), each living for a window from its first hit.
/// </summary>
public interface IRateCounterStore
{
    /// <summary>
    /// Adds <paramref name="hits"/> to the counter named <paramref name="key"/>, atomically, and returns its
    /// count and when its window ends. A counter that does not exist or has expired starts over at
    /// <paramref name="hits"/>, ending after <paramref name="window"/>.
    /// </summary>
    Task<RateCount> AddAsync(string key, long hits, TimeSpan window, CancellationToken cancellationToken);

    /// <summary>The counter's count; 0 when there is none or it has expired.</summary>
    Task<long> ReadAsync(string key, CancellationToken cancellationToken);

    Task RemoveAsync(string key, CancellationToken cancellationToken);
}

/// <summary>A counter's count after a hit, and when its window ends.</summary>
public readonly record struct RateCount(long Count, DateTimeOffset EndsAt);
