using Refunds.Core;
using Refunds.Core.Payments;
using Refunds.Core.Refunds;

namespace Refunds.Dashboard.Endpoints;

/// <summary>
/// A payment as the API shows it, with what has been and can still be refunded; <c>statement_id</c> names
/// the imported bank statement that reconciled it (null when it was reconciled by a call).
/// </summary>
public sealed record PaymentJson(
    Guid PaymentId,
    decimal Amount,
    string Currency,
    string Status,
    bool Reconciled,
    DateTimeOffset? ReconciledAt,
    string? ReconciliationReference,
    Guid? StatementId,
    PayerJson Payer,
    string? CustomerId,
    string? MerchantReference,
    DateTimeOffset CreatedAt,
    decimal RefundedAmount,
    decimal ReservedAmount,
    decimal RefundableAmount)
{
    public static PaymentJson From(Payment payment) => new(
        payment.Id, payment.Amount.Major, payment.CurrencyCode, WireName.Of(payment.Status), payment.IsReconciled,
        payment.ReconciledAt, payment.ReconciliationReference, payment.StatementImportId,
        new PayerJson(payment.Payer.Name, payment.Payer.Iban, payment.Payer.City, payment.Payer.Bank),
        payment.CustomerId, payment.MerchantReference, payment.CreatedAt,
        payment.Refunded.Major, payment.Reserved.Major, payment.Refundable.Major);
}

public sealed record PayerJson(string Name, string Iban, string? City, string? Bank);

public sealed record PaymentDetailJson(PaymentJson Payment, IReadOnlyList<PaymentRefundJson> Refunds);

/// <summary>A refund as listed under its payment.</summary>
public sealed record PaymentRefundJson(Guid RefundId, string Status, decimal Amount, string Currency, string ReasonCode, DateTimeOffset CreatedAt, string CreatedBy)
{
    public static PaymentRefundJson From(Refund refund) =>
        new(refund.Id, WireName.Of(refund.Status), refund.Amount.Major, refund.CurrencyCode, refund.ReasonCode, refund.CreatedAt, refund.CreatedBy);
}
