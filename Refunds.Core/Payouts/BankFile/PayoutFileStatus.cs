namespace Refunds.Core.Payouts.BankFile;

/// <summary>Where a payout file is. The first three are set by operators; the settled ones follow from the bank's reports.</summary>
public enum PayoutFileStatus
{
    /// <summary>Made, not yet uploaded to the bank: it may still be voided.</summary>
    Created,

    /// <summary>Uploaded to the bank (marked so by an operator, or a status report on it came back); no refund of it is final yet.</summary>
    Sent,

    /// <summary>Sent, and the bank has settled or rejected some of its refunds.</summary>
    PartlySettled,

    /// <summary>Sent, and the bank has settled or rejected every one of its refunds.</summary>
    Settled,

    /// <summary>Withdrawn before it was sent; its refunds went back to APPROVED.</summary>
    Voided,
}
