namespace Refunds.Dashboard.Hosting;

/// <summary>
/// Requests allowed per key and window, counted in the <see cref="RateCounters"/> every instance shares,
/// so that instances together allow no more than the limit. Each instance takes permits from the shared
/// count in batches of a hundredth of the limit (at least one) and hands them out itself: small limits
/// (sign-ins, tokens) cost one shared hit a request and are exact, large ones (the API's) cost one in a
/// hundred requests, at the price of allowing up to a batch an instance fewer. Once the shared count is
/// over the limit, the instance refuses the key until the window ends without asking again.
/// </summary>
public sealed class SharedRateLimiter(RateCounters counters, TimeProvider clock)
{
    private const int BatchesPerWindow = 100;

    private readonly Dictionary<string, Batch> _batches = [];
    private DateTimeOffset _nextSweep;

    public async ValueTask<RateDecision> AcquireAsync(string key, int limit, TimeSpan window, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        lock (_batches)
        {
            if (_batches.TryGetValue(key, out var batch) && batch.EndsAt > now)
            {
                if (batch.Remaining > 0)
                {
                    batch.Remaining--;
                    return RateDecision.Allowed;
                }
                if (batch.Refused) return RateDecision.Refused(batch.EndsAt - now);
            }
        }

        var size = Math.Max(1, limit / BatchesPerWindow);
        var count = await counters.AddAsync(key, size, window, cancellationToken);
        // Of this batch, what the count before it left under the limit.
        var granted = Math.Clamp(limit - (count.Count - size), 0, size);
        lock (_batches)
        {
            if (now >= _nextSweep) Sweep(now);
            if (!_batches.TryGetValue(key, out var batch) || batch.EndsAt <= now) _batches[key] = batch = new Batch(count.EndsAt);
            if (granted == 0)
            {
                batch.Refused = true;
                return RateDecision.Refused(count.EndsAt - now);
            }
            batch.Remaining += granted - 1;
            return RateDecision.Allowed;
        }
    }

    private void Sweep(DateTimeOffset now)
    {
        foreach (var (key, batch) in _batches)
            if (batch.EndsAt <= now) _batches.Remove(key);
        _nextSweep = now + TimeSpan.FromMinutes(1);
    }

    /// <summary>This instance's share of one key's window: permits taken from the shared count and not yet handed out.</summary>
    private sealed class Batch(DateTimeOffset endsAt)
    {
        public DateTimeOffset EndsAt { get; } = endsAt;

        public long Remaining { get; set; }

        /// <summary>The shared count went over the limit: refused until <see cref="EndsAt"/>.</summary>
        public bool Refused { get; set; }
    }
}

/// <summary>Whether a request may go on, and if not, how long until it may.</summary>
public readonly record struct RateDecision(bool IsAllowed, TimeSpan RetryAfter)
{
    public static RateDecision Allowed => new(true, TimeSpan.Zero);

    public static RateDecision Refused(TimeSpan retryAfter) => new(false, retryAfter);
}
