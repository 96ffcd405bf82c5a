using Refunds.Core.Payments;

namespace Refunds.Core.Refunds;

/// <summary>
/// A refund moved to a new status (or was created: no previous status), by whom. Raised after the
/// change is committed.
/// </summary>
public sealed record RefundStatusChanged(
    Guid RefundId,
    Guid PaymentId,
    RefundStatus Status,
    RefundStatus? PreviousStatus,
    DateTimeOffset At,
    string? FailureReason,
    string ActorId,
    Money Amount);
