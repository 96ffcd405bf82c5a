namespace Refunds.Core.Payouts.BankFile;

/// <summary>What a bank says became of a payment it was sent.</summary>
public enum TransferOutcome
{
    /// <summary>Paid (<c>ACSC</c>, <c>ACCC</c>, or a booked debit in a camt.054).</summary>
    Settled,

    /// <summary>Refused (<c>RJCT</c>), with the bank's reason.</summary>
    Rejected,

    /// <summary>Still on its way (<c>ACSP</c>, <c>ACTC</c>, <c>ACCP</c>, <c>PDNG</c>, an unbooked debit).</summary>
    Pending,
}

/// <summary>One transaction's status in a report, by the end-to-end id it was sent under.</summary>
/// <param name="StatusCode">The bank's own code (<c>ACSC</c>, <c>RJCT</c>, ... or <c>BOOK</c> for a camt.054 entry).</param>
/// <param name="Reason">The ISO reason code with its meaning, e.g. <c>AC04 Closed account number</c>.</param>
public sealed record TransferStatus(string EndToEndId, TransferOutcome Outcome, string StatusCode, string? Reason);

/// <summary>
/// A bank's report on a payment file: a pain.002 status report or a camt.054 debit notification. A
/// pain.002 may reject the original message as a whole (<see cref="GroupRejection"/>) or one of its
/// payment blocks (<see cref="RejectedBlocks"/>), besides the transactions it names.
/// </summary>
public sealed record PaymentStatusReport(
    string Format,
    string MessageId,
    string? OriginalMessageId,
    string? GroupRejection,
    IReadOnlyDictionary<string, string> RejectedBlocks,
    IReadOnlyList<TransferStatus> Transfers);
