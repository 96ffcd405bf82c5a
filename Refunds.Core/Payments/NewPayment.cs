namespace Refunds.Core.Payments;

/// <summary>A payment as the payment system reports it; <paramref name="Amount"/> in major units.</summary>
public sealed record NewPayment(
    Guid PaymentId,
    decimal Amount,
    string Currency,
    PaymentStatus Status,
    PayerAccount Payer,
    string? CustomerId = null,
    string? MerchantReference = null,
    DateTimeOffset? CreatedAt = null);
