namespace Refunds.Core.Refunds;

/// <summary>
/// What a refunds list is narrowed to; every part is optional. <c>CustomerId</c> is the payment's customer. <c>To</c> is exclusive.
/// <c>AwaitingApprovalBy</c>: only refunds that reviewer may approve now.
/// </summary>
public sealed record RefundFilter(
    RefundStatus? Status = null,
    Guid? PaymentId = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    string? ReasonCode = null,
    string? Text = null,
    string? CustomerId = null,
    Access.Actor? AwaitingApprovalBy = null);
