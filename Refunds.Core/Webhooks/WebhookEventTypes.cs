using Refunds.Core.Refunds;

namespace Refunds.Core.Webhooks;

/// <summary>The event types an endpoint may subscribe to, and the one place a status change is given its type.</summary>
public static class WebhookEventTypes
{
    public const string Created = "refund.created";
    public const string Approved = "refund.approved";
    public const string Rejected = "refund.rejected";
    public const string Cancelled = "refund.cancelled";
    public const string PendingWithBank = "refund.pending_with_bank";
    public const string AcceptedByBank = "refund.accepted_by_bank";
    public const string Failed = "refund.failed";
    public const string ApprovalRecorded = "refund.approval_recorded";

    public static IReadOnlyList<string> All { get; } = [Created, Approved, Rejected, Cancelled, PendingWithBank, AcceptedByBank, Failed, ApprovalRecorded];

    /// <summary>The event a committed change is announced as.</summary>
    public static string Of(RefundStatusChanged change) => change.Status switch
    {
        // An approval short of those required: the refund still awaits the others.
        RefundStatus.Created when change.PreviousStatus == RefundStatus.Created => ApprovalRecorded,
        RefundStatus.Created => Created,
        RefundStatus.Approved => Approved,
        RefundStatus.Rejected => Rejected,
        RefundStatus.Cancelled => Cancelled,
        RefundStatus.PendingWithBank => PendingWithBank,
        RefundStatus.AcceptedByBank => AcceptedByBank,
        RefundStatus.Failed => Failed,
        _ => throw new ArgumentOutOfRangeException(nameof(change), change.Status, "A refund status without a webhook event type."),
    };

    /// <summary>The types asked for, checked and without repeats; none asked for means every type.</summary>
    public static IReadOnlyList<string> Checked(IReadOnlyList<string>? asked)
    {
        if (asked is null || asked.Count == 0) return [];
        var unknown = asked.Where(t => !All.Contains(t)).ToList();
        if (unknown.Count > 0)
            throw new RuleViolation(ErrorCode.InvalidRequest,
                $"Unknown event type(s) {string.Join(", ", unknown.Select(t => $"'{t}'"))}; the types are {string.Join(", ", All)}.");
        return asked.Distinct().ToList();
    }
}
