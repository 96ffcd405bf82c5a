using Refunds.Core.Refunds;

namespace Refunds.Core.Payouts.BankFile;

/// <summary>
/// A refund in a payout file. <see cref="RefundId"/> is the history (kept when the file is voided);
/// <see cref="LiveRefundId"/> is the same id while the file may still pay it, and a unique index on it
/// is what keeps a refund in at most one file that can reach the bank, even under races between
/// requests or instances. Voiding clears it, so the refund can go in a new file.
/// </summary>
public sealed class PayoutFileItem
{
    private PayoutFileItem()
    {
        PaymentBlockId = null!;
        CurrencyCode = null!;
    }

    internal PayoutFileItem(Guid fileId, Refund refund, string paymentBlockId)
    {
        FileId = fileId;
        RefundId = refund.Id;
        LiveRefundId = refund.Id;
        PaymentBlockId = paymentBlockId;
        AmountMinor = refund.AmountMinor;
        CurrencyCode = refund.CurrencyCode;
    }

    public Guid FileId { get; private set; }

    public Guid RefundId { get; private set; }

    /// <summary>The refund's id while this file may pay it; null once the file is voided. Unique.</summary>
    public Guid? LiveRefundId { get; private set; }

    /// <summary>The <c>PmtInfId</c> of the block the refund is in: a pain.002 may reject a whole block.</summary>
    public string PaymentBlockId { get; private set; }

    public long AmountMinor { get; private set; }

    public string CurrencyCode { get; private set; }

    /// <summary>What the bank's reports said became of it: settled or rejected; null while pending.</summary>
    public TransferOutcome? Outcome { get; private set; }

    internal void Withdraw() => LiveRefundId = null;

    /// <summary>True when this is news: a refund's outcome is counted on its file once.</summary>
    internal bool Settle(TransferOutcome outcome)
    {
        if (Outcome is not null || outcome == TransferOutcome.Pending) return false;
        Outcome = outcome;
        return true;
    }
}
