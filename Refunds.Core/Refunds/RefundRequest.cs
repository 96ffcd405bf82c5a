namespace Refunds.Core.Refunds;

/// <summary>
/// What a maker asks for. <paramref name="Amount"/> is in major units (100.50 AED); null asks for
/// everything still refundable on the payment (a full refund).
/// </summary>
public sealed record RefundRequest(
    Guid PaymentId,
    decimal? Amount,
    string? Currency,
    string? ReasonCode,
    string? Description = null,
    string? ExternalReference = null,
    BeneficiaryRequest? Beneficiary = null,
    string? IdempotencyKey = null,
    RefundStatus InitialStatus = RefundStatus.Created);

/// <summary>Overrides of the refund's beneficiary; anything left out comes from the payment's payer account.</summary>
public sealed record BeneficiaryRequest(string? Name, string? Iban, string? City);

/// <summary>A checker's decision on one refund: Approved (Lean's CONFIRMED) or Rejected.</summary>
public sealed record RefundDecision(Guid RefundId, RefundStatus Status, string? Note = null);
