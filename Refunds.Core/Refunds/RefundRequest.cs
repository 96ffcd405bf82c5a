namespace Refunds.Core.Refunds;

/// <summary>
/// What a maker asks for. <paramref name="Amount"/> is in major units (100.50 AED); null asks for
/// everything still refundable on the payment (a full refund). <paramref name="AmountMinor"/> gives
/// the amount in the payment's minor units instead (fils, halalas, cents); at most one of the two.
/// </summary>
/// <param name="PaymentId">The payment to refund; <see cref="Guid.Empty"/> when <paramref name="PaymentReference"/> names it.</param>
/// <param name="PaymentReference">The payment's merchant reference (a charge id), when the maker knows it by that.</param>
/// <param name="Kind">Full or partial, when the maker says which; checked against the amount.</param>
/// <param name="Metadata">A JSON object the maker wants kept on the refund (see <see cref="RefundMetadata"/>).</param>
public sealed record RefundRequest(
    Guid PaymentId,
    decimal? Amount,
    string? Currency,
    string? ReasonCode,
    string? Description = null,
    string? ExternalReference = null,
    BeneficiaryRequest? Beneficiary = null,
    string? IdempotencyKey = null,
    RefundStatus InitialStatus = RefundStatus.Created,
    string? PaymentReference = null,
    long? AmountMinor = null,
    RefundKind? Kind = null,
    string? Metadata = null);

/// <summary>Overrides of the refund's beneficiary; anything left out comes from the payment's payer account.</summary>
public sealed record BeneficiaryRequest(string? Name, string? Iban, string? City);

/// <summary>A checker's decision on one refund: Approved (Lean's CONFIRMED) or Rejected.</summary>
public sealed record RefundDecision(Guid RefundId, RefundStatus Status, string? Note = null);
