using System.ComponentModel.DataAnnotations;

namespace Refunds.Core.Payouts;

/// <summary>Section <c>Payouts</c>: the payout rail, and how the dispatcher works the queue of approved refunds.</summary>
public sealed class PayoutOptions
{
    public const string Section = "Payouts";

    /// <summary>How approved refunds reach the bank. With <see cref="PayoutRail.BankFile"/> the dispatcher sends nothing.</summary>
    public PayoutRail Rail { get; set; } = PayoutRail.SimulatedBank;

    /// <summary>Whether this instance runs the dispatcher (with several instances, any number of them may).</summary>
    public bool DispatcherEnabled { get; set; } = true;

    /// <summary>How often the dispatcher looks for work when the queue is idle.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Submissions that failed for a passing reason are retried this many times in all; then the refund fails.</summary>
    [Range(1, 100)]
    public int MaxSubmissionAttempts { get; set; } = 5;

    /// <summary>The first retry waits this long; each later one twice as long as the one before.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan RetryBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long one instance may hold a refund before another may take it over (a crashed instance's work).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Refunds worked on at the same time by one instance.</summary>
    [Range(1, 256)]
    public int Concurrency { get; set; } = 8;
}
