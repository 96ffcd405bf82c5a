using Refunds.Core;
using Refunds.Core.Analytics;
using Refunds.Core.Payments;

namespace Refunds.Dashboard.Endpoints;

/// <summary>
/// How one currency's refunds created in [from, to) are going: counts and amounts (in major units),
/// rates as fractions (null when there is nothing to divide by), percentiles in seconds read from
/// log-scale buckets (within 4.4 % of the exact ones), and the refunds awaiting approval now.
/// </summary>
public sealed record RefundAnalyticsJson(
    DateTimeOffset From,
    DateTimeOffset To,
    string Currency,
    CountAndAmountJson Created,
    CountAndAmountJson PaidOut,
    decimal? RefundRate,
    decimal? ApprovalRate,
    PercentilesJson TimeToDecision,
    PercentilesJson TimeToPayout,
    FailedJson Failed,
    AwaitingApprovalJson AwaitingApproval,
    IReadOnlyList<DailyJson> Daily,
    IReadOnlyList<ReasonJson> ByReason,
    CountAndAmountJson PaymentsReceived)
{
    public static RefundAnalyticsJson Of(RefundOverview o) => new(
        o.From, o.To, o.Currency.Code, CountAndAmountJson.From(o.Created), CountAndAmountJson.From(o.PaidOut), o.RefundRate, o.ApprovalRate,
        PercentilesJson.From(o.TimeToDecision), PercentilesJson.From(o.TimeToPayout),
        new FailedJson(o.Failed.Total.Count, o.Failed.Total.Amount.Major,
            [.. o.Failed.TopReasons.Select(r => new FailureReasonJson(r.Reason, r.Count, r.Amount.Major))]),
        new AwaitingApprovalJson(o.AwaitingApproval.Total.Count, o.AwaitingApproval.Total.Amount.Major, o.AwaitingApproval.OldestCreatedAt,
            [.. o.AwaitingApproval.ByAge.Select(b => new AgeBinJson(b.MinDays, b.MaxDays, b.Total.Count, b.Total.Amount.Major))]),
        [.. o.Daily.Select(d => new DailyJson(d.Date, d.ByStatus.ToDictionary(s => WireName.Of(s.Key), s => s.Value.Count),
            d.ByStatus.ToDictionary(s => WireName.Of(s.Key), s => s.Value.Amount.Major)))],
        [.. o.ByReason.Select(r => new ReasonJson(r.ReasonCode, r.Count, r.Amount.Major))],
        CountAndAmountJson.From(o.PaymentsReceived));
}

public sealed record CountAndAmountJson(long Count, decimal Amount)
{
    public static CountAndAmountJson From(CountAndAmount total) => new(total.Count, total.Amount.Major);
}

public sealed record PercentilesJson(double? P50Seconds, double? P90Seconds)
{
    public static PercentilesJson From(DurationPercentiles p) =>
        new(p.P50 is { } p50 ? Math.Round(p50.TotalSeconds, 1) : null, p.P90 is { } p90 ? Math.Round(p90.TotalSeconds, 1) : null);
}

public sealed record FailedJson(long Count, decimal Amount, IReadOnlyList<FailureReasonJson> TopReasons);

public sealed record FailureReasonJson(string Reason, long Count, decimal Amount);

/// <summary>Refunds awaiting approval now; <c>by_age</c> counts them by how many UTC days ago they were created (<c>max_days</c> null: no upper end).</summary>
public sealed record AwaitingApprovalJson(long Count, decimal Amount, DateTimeOffset? OldestCreatedAt, IReadOnlyList<AgeBinJson> ByAge);

public sealed record AgeBinJson(int MinDays, int? MaxDays, long Count, decimal Amount);

/// <summary>The refunds created on one UTC day, counted (and their amounts) by the status each is in now.</summary>
public sealed record DailyJson(DateOnly Date, IReadOnlyDictionary<string, long> ByStatus, IReadOnlyDictionary<string, decimal> AmountByStatus);

public sealed record ReasonJson(string ReasonCode, long Count, decimal Amount);
