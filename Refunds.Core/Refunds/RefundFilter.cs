namespace Refunds.Core.Refunds;

/// <summary>What a refunds list is narrowed to; every part is optional. <c>CustomerId</c> is the payment's customer. <c>To</c> is exclusive.</summary>
public sealed record RefundFilter(
    RefundStatus? Status = null,
    Guid? PaymentId = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    string? ReasonCode = null,
    string? Text = null,
    string? CustomerId = null);
