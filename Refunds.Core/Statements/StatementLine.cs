namespace Refunds.Core.Statements;

/// <summary>
/// One line of a bank statement as the bank wrote it: a booked credit that may pay for one of our
/// payments, or a line kept for the record but never matched (<see cref="IgnoredBecause"/>: a debit, an
/// entry not yet booked).
/// </summary>
/// <param name="Number">The line's position in the file, from 1: unique within it.</param>
/// <param name="StatementId">The bank's id of the statement or notification the line belongs to (for CSV, set by the importer).</param>
/// <param name="LineReference">The bank's reference for the line (account servicer reference, else entry reference), else its number.</param>
/// <param name="Remittance">Unstructured remittance lines and structured creditor references, in file order.</param>
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
    string? IgnoredBecause)
{
    public bool IsCandidate => IgnoredBecause is null;
}
