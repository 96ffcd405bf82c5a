using Refunds.Core.Payments;
using Refunds.Core.Refunds;

namespace Refunds.Core.Analytics;

/// <summary>
/// How the refunds of one currency created in [<see cref="From"/>, <see cref="To"/>) are going, and
/// those awaiting approval now (whenever they were created).
/// </summary>
/// <param name="RefundRate">Amount paid out ÷ amount of payments received in the period; null when none were received.</param>
/// <param name="ApprovalRate">Approved ÷ decided (approved or rejected); null when none were decided.</param>
public sealed record RefundOverview(
    DateTimeOffset From,
    DateTimeOffset To,
    Currency Currency,
    CountAndAmount Created,
    CountAndAmount PaidOut,
    decimal? RefundRate,
    decimal? ApprovalRate,
    DurationPercentiles TimeToDecision,
    DurationPercentiles TimeToPayout,
    FailedRefunds Failed,
    AwaitingApproval AwaitingApproval,
    IReadOnlyList<DailyStatuses> Daily,
    IReadOnlyList<ReasonTotal> ByReason,
    IReadOnlyList<DurationBin> TimeToPayoutHistogram,
    CountAndAmount PaymentsReceived);

public readonly record struct CountAndAmount(long Count, Money Amount);

/// <summary>Median and 90th percentile, read from <see cref="DurationBuckets"/> (within its relative error); null when nothing was measured.</summary>
public sealed record DurationPercentiles(TimeSpan? P50, TimeSpan? P90);

public sealed record FailedRefunds(CountAndAmount Total, IReadOnlyList<FailureReasonTotal> TopReasons);

public sealed record FailureReasonTotal(string Reason, long Count, Money Amount);

/// <summary>Refunds awaiting a checker's decision now, and how long they have waited by the day they were created.</summary>
public sealed record AwaitingApproval(CountAndAmount Total, DateTimeOffset? OldestCreatedAt, IReadOnlyList<AgeBin> ByAge);

/// <summary>Refunds created from <see cref="MinDays"/> to <see cref="MaxDays"/> UTC days before today (no upper end when null).</summary>
public sealed record AgeBin(int MinDays, int? MaxDays, CountAndAmount Total);

/// <summary>The refunds created on one UTC day, by the status they are in now (every status, zero included).</summary>
public sealed record DailyStatuses(DateOnly Date, IReadOnlyDictionary<RefundStatus, CountAndAmount> ByStatus);

public sealed record ReasonTotal(string ReasonCode, long Count, Money Amount);

/// <summary>How many durations fell from <see cref="From"/> up to <see cref="To"/> (no upper end when null).</summary>
public sealed record DurationBin(TimeSpan From, TimeSpan? To, long Count);
