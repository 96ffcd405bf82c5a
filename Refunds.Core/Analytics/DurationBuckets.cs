namespace Refunds.Core.Analytics;

/// <summary>
/// Durations counted in log-scale buckets, eight to each doubling: bucket 0 holds durations under a
/// second, bucket k ≥ 1 those from 2^((k−1)/8) up to 2^(k/8) seconds. A percentile read from the
/// buckets is the geometric middle of the bucket holding the exact one, so it is within
/// 2^(1/16) − 1 ≈ 4.4 % of it (0 for durations under a second), whatever the number of refunds;
/// a day of one currency holds at most a few hundred buckets per measure.
/// </summary>
public static class DurationBuckets
{
    public const int PerDoubling = 8;

    /// <summary>The largest relative error of a percentile read from the buckets.</summary>
    public static readonly double RelativeError = Math.Pow(2, 1.0 / (2 * PerDoubling)) - 1;

    // About 34 years: nothing a refund waits for is longer, and it bounds the number of buckets.
    private const int Last = 30 * PerDoubling;

    public static int Of(TimeSpan duration)
    {
        var seconds = duration.TotalSeconds;
        if (seconds < 1) return 0;
        return Math.Min(Last, 1 + (int)Math.Floor(PerDoubling * Math.Log2(seconds)));
    }

    /// <summary>The duration a bucket stands for: the geometric middle of its bounds (zero for bucket 0).</summary>
    public static TimeSpan Middle(int bucket) =>
        bucket <= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(Math.Pow(2, (bucket - 0.5) / PerDoubling));

    /// <summary>
    /// The nearest-rank percentile (the smallest duration at least <paramref name="percent"/> % of
    /// them do not exceed) of the durations counted per bucket, or null when none were counted.
    /// </summary>
    public static TimeSpan? Percentile(IReadOnlyDictionary<int, long> countsByBucket, double percent)
    {
        var total = countsByBucket.Values.Sum();
        if (total == 0) return null;
        var rank = Math.Max(1, (long)Math.Ceiling(percent / 100 * total));
        var seen = 0L;
        foreach (var (bucket, count) in countsByBucket.OrderBy(b => b.Key))
        {
            seen += count;
            if (seen >= rank) return Middle(bucket);
        }
        return Middle(countsByBucket.Keys.Max());
    }
}
