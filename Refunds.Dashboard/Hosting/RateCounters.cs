using System.Security.Cryptography;
using System.Text;
using Refunds.Core.Persistence;

namespace Refunds.Dashboard.Hosting;

/// <summary>
/// The counters behind rate limits and sign-in lockouts: the shared store, so that every instance
/// counts against the same limit. While the shared store does not answer, each instance counts in its
/// own memory instead (a warning says so, once): the limits then hold per instance, as on one server.
/// Never open (no limit at all) and never shut (everyone refused) because Redis or the database is away.
/// </summary>
public sealed class RateCounters(IRateCounterStore shared, TimeProvider clock, ILogger<RateCounters> logger)
{
    private readonly InProcessRateCounterStore _local = new(clock);
    private int _sharedAway;

    /// <inheritdoc cref="IRateCounterStore.AddAsync"/>
    public Task<RateCount> AddAsync(string key, long hits, TimeSpan window, CancellationToken cancellationToken) =>
        WithFallbackAsync(store => store.AddAsync(Bounded(key), hits, window, cancellationToken), cancellationToken);

    /// <inheritdoc cref="IRateCounterStore.ReadAsync"/>
    public Task<long> ReadAsync(string key, CancellationToken cancellationToken) =>
        WithFallbackAsync(store => store.ReadAsync(Bounded(key), cancellationToken), cancellationToken);

    public Task RemoveAsync(string key, CancellationToken cancellationToken) =>
        WithFallbackAsync(async store =>
        {
            await store.RemoveAsync(Bounded(key), cancellationToken);
            return true;
        }, cancellationToken);

    private async Task<T> WithFallbackAsync<T>(Func<IRateCounterStore, Task<T>> operation, CancellationToken cancellationToken)
    {
        try
        {
            var result = await operation(shared);
            if (Interlocked.Exchange(ref _sharedAway, 0) == 1)
                logger.LogInformation("The shared rate counters answer again: rate limits and sign-in lockouts hold across instances again");
            return result;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            if (Interlocked.Exchange(ref _sharedAway, 1) == 0)
                logger.LogWarning(ex, "The shared rate counters ({Store}) did not answer: rate limits and sign-in lockouts count on this instance only until they do",
                    shared.GetType().Name);
            return await operation(_local);
        }
    }

    // Keys carry what a client sent (a username, an address): a long one is stored as its hash, so every key fits the store.
    private static string Bounded(string key) =>
        key.Length <= RateCounter.MaxKeyLength ? key : "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
