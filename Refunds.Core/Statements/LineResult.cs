namespace Refunds.Core.Statements;

/// <summary>What became of a statement line (wire names: <c>MATCHED</c>, <c>ALREADY_RECONCILED</c>, ...).</summary>
public enum LineResult
{
    /// <summary>It reconciled exactly one payment (automatically or by an operator's match).</summary>
    Matched,

    /// <summary>It fits one payment that was reconciled before (by another statement, line or by hand); nothing changed.</summary>
    AlreadyReconciled,

    /// <summary>More than one payment fits: never matched automatically; an operator picks one.</summary>
    Ambiguous,

    /// <summary>No payment fits.</summary>
    Unmatched,

    /// <summary>Not a booked credit (a debit, an entry not yet booked): kept for the record, never matched.</summary>
    Ignored,
}
