namespace Refunds.Core.Statements;

/// <summary>
/// One line of a bank statement as the bank wrote it: money in (a credit) or out (a debit), booked or
/// not yet. A booked credit may pay for one of our payments; a booked debit may be one of our refunds
/// leaving the account; anything else is kept for the record only.
/// </summary>
/// <param name="Number">The line's position in the file, from 1: unique within it.</param>
/// <param name="StatementId">The bank's id of the statement or notification the line belongs to (for CSV, set by the importer).</param>
/// <param name="LineReference">The bank's reference for the line (account servicer reference, else entry reference), else its number.</param>
/// <param name="Remittance">Unstructured remittance lines and structured creditor references, in file order.</param>
/// <param name="EntryStatus">The bank's booking status of the entry (<c>BOOK</c>, <c>PDNG</c>, ...).</param>
public sealed record StatementLine(
    int Number,
    string StatementId,
    string? AccountIban,
    string LineReference,
    decimal Amount,
    string CurrencyCode,
    DateOnly? BookingDate,
    DateOnly? ValueDate,
    string? AccountServicerReference,
    string? EndToEndId,
    IReadOnlyList<string> Remittance,
    string? DebtorName,
    string? DebtorIban,
    bool IsCredit,
    string? EntryStatus)
{
    /// <summary>Booked: the bank's status code <c>BOOK</c>, and every line of a CSV export.</summary>
    public bool IsBooked => EntryStatus == "BOOK";

    /// <summary>Why a statement import leaves this line alone, or null for a booked credit, which it matches.</summary>
    public string? IgnoredBecause => !IsCredit ? "a debit" : !IsBooked ? $"not booked (status {EntryStatus})" : null;

    public bool IsCandidate => IgnoredBecause is null;
}
