using Refunds.Core.Approvals;
using Refunds.Core.Payments;

namespace Refunds.Core.Refunds;

/// <summary>
/// A refund moved to a new status (or was created: no previous status), or was given an approval, by
/// whom. Raised after the change is committed.
/// </summary>
/// <param name="Approval">
/// The approval recorded by this change, if any: the one that completes those a refund needs comes with
/// its move to APPROVED; one that leaves it awaiting more comes with <paramref name="Status"/> and
/// <paramref name="PreviousStatus"/> both CREATED.
/// </param>
public sealed record RefundStatusChanged(
    Guid RefundId,
    Guid PaymentId,
    RefundStatus Status,
    RefundStatus? PreviousStatus,
    DateTimeOffset At,
    string? FailureReason,
    string ActorId,
    Money Amount,
    Approval? Approval = null)
{
    /// <summary>Whether the status moved (false for an approval recorded on a refund that still awaits more).</summary>
    public bool IsStatusChange => Status != PreviousStatus;
}
