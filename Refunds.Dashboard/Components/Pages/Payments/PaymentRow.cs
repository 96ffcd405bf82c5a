using Refunds.Core.Payments;

namespace Refunds.Dashboard.Components.Pages.Payments;

/// <summary>
/// A payment as the Payments grid shows it. A record, because MudDataGrid keys each row by its item: a
/// reload that reads a payment unchanged, in the same place, then keeps its row, Refund button included,
/// where a fresh entity would replace it. A click is a press and a release on the same element; when the
/// search applies as focus leaves the search box for a row's Refund button, the list reloads between the
/// two, and a replaced button never received the click (see ADR-014).
/// </summary>
/// <param name="StatementImportId">The bank statement import that reconciled the payment, when one did.</param>
/// <param name="WhyMayNotRefund">The engine's reason (<see cref="Payment.WhyMayNotRefund"/>), or null when it may be refunded.</param>
public sealed record PaymentRow(Guid Id, DateTimeOffset CreatedAt, string? MerchantReference, PayerAccount Payer, Money Amount,
    DateTimeOffset? ReconciledAt, Guid? StatementImportId, Money Reserved, Money Refunded, Money Refundable, string? WhyMayNotRefund)
{
    public bool IsReconciled => ReconciledAt is not null;

    public static PaymentRow Of(Payment payment) => new(payment.Id, payment.CreatedAt, payment.MerchantReference, payment.Payer, payment.Amount,
        payment.ReconciledAt, payment.StatementImportId, payment.Reserved, payment.Refunded, payment.Refundable, payment.WhyMayNotRefund()?.Message);
}
