using Refunds.Core.Approvals;
using Refunds.Core.Payments;

namespace Refunds.Core.Refunds;

/// <summary>
/// A refund moved to a new status (or was created: no previous status), or was given an approval, by
/// whom. Raised after the change is committed.
/// </summary>
/// <param name="Approval">
/// The approval recorded, when that is what happened; then <paramref name="Status"/> and
/// <paramref name="PreviousStatus"/> are both CREATED. The approval that completes those required is
/// followed by the refund's move to APPROVED, a change of its own.
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
    public bool IsStatusChange => Approval is null;
}
