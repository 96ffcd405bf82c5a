using Refunds.Core.Access;

namespace Refunds.Core.Statements;

/// <summary>
/// A line of an imported statement as the bank wrote it, and what became of it: the payment it
/// reconciled, the payments it could be (when ambiguous), or why it was left alone.
/// </summary>
public sealed class ImportedStatementLine
{
    /// <summary>At most this many candidate payments are kept for an ambiguous line.</summary>
    public const int MaxCandidates = 10;

    private ImportedStatementLine()
    {
        LineReference = null!;
        CurrencyCode = null!;
        StatementReference = null!;
    }

    internal ImportedStatementLine(Guid importId, StatementLine line, DateTimeOffset at)
    {
        Id = Guid.CreateVersion7(at);
        ImportId = importId;
        Number = line.Number;
        StatementReference = line.StatementId;
        LineReference = line.LineReference;
        Amount = line.Amount;
        CurrencyCode = line.CurrencyCode;
        BookingDate = line.BookingDate;
        ValueDate = line.ValueDate;
        AccountServicerReference = line.AccountServicerReference;
        EndToEndId = line.EndToEndId;
        Remittance = line.Remittance.Count == 0 ? null : string.Join('\n', line.Remittance);
        DebtorName = line.DebtorName;
        DebtorIban = line.DebtorIban;
        Result = line.IgnoredBecause is null ? LineResult.Unmatched : LineResult.Ignored;
        Reason = line.IgnoredBecause is { } why ? $"Not a booked credit: {why}." : null;
    }

    public Guid Id { get; private set; }

    public Guid ImportId { get; private set; }

    /// <summary>The line's position in its file, from 1.</summary>
    public int Number { get; private set; }

    /// <summary>The statement (or notification) the line belongs to: a file may hold several.</summary>
    public string StatementReference { get; private set; }

    public string LineReference { get; private set; }

    /// <summary>In major units, as the bank wrote it (its currency may be one we do not pay in).</summary>
    public decimal Amount { get; private set; }

    public string CurrencyCode { get; private set; }

    public DateOnly? BookingDate { get; private set; }

    public DateOnly? ValueDate { get; private set; }

    public string? AccountServicerReference { get; private set; }

    public string? EndToEndId { get; private set; }

    /// <summary>Remittance lines and creditor references, one per line.</summary>
    public string? Remittance { get; private set; }

    public string? DebtorName { get; private set; }

    public string? DebtorIban { get; private set; }

    public LineResult Result { get; private set; }

    /// <summary>Why the line came out as it did, in words (which rule matched, why it did not).</summary>
    public string? Reason { get; private set; }

    /// <summary>The payment the line reconciled, or (already reconciled) the one it fits.</summary>
    public Guid? PaymentId { get; private set; }

    /// <summary>The payments an ambiguous line fits, comma-separated (at most <see cref="MaxCandidates"/>).</summary>
    public string? CandidatePaymentIds { get; private set; }

    /// <summary>Who matched the line by hand; null when the import matched it.</summary>
    public string? MatchedBy { get; private set; }

    public string? MatchedByName { get; private set; }

    public DateTimeOffset? MatchedAt { get; private set; }

    public string? MatchNote { get; private set; }

    /// <summary>Optimistic concurrency token: two operators cannot both match one line.</summary>
    public long Version { get; private set; }

    /// <summary>What <see cref="Payments.Payment.ReconciliationReference"/> records: statement and line.</summary>
    public string ReconciliationReference => $"{StatementReference}/{LineReference}";

    public IReadOnlyList<Guid> Candidates =>
        CandidatePaymentIds is null ? [] : [.. CandidatePaymentIds.Split(',').Select(Guid.Parse)];

    public bool AwaitsMatch => Result is LineResult.Unmatched or LineResult.Ambiguous;

    internal void Resolve(LineMatch match)
    {
        Result = match.Result;
        Reason = match.Reason;
        PaymentId = match.PaymentId;
        CandidatePaymentIds = match.Candidates.Count == 0 ? null : string.Join(',', match.Candidates.Take(MaxCandidates));
        Version++;
    }

    /// <summary>Fails unless the line is unmatched or ambiguous: a line reconciles one payment at most, once.</summary>
    internal void EnsureAwaitsMatch()
    {
        if (!AwaitsMatch)
            throw new RuleViolation(ErrorCode.InvalidStatusTransition,
                $"Statement line {Id} is {WireName.Of(Result)}; only unmatched or ambiguous lines can be matched by hand.");
    }

    internal void MatchByHand(Guid paymentId, Actor actor, DateTimeOffset at, string? note)
    {
        EnsureAwaitsMatch();
        Result = LineResult.Matched;
        Reason = $"Matched by hand by {actor.DisplayName}.";
        PaymentId = paymentId;
        CandidatePaymentIds = null;
        MatchedBy = actor.Id;
        MatchedByName = actor.DisplayName;
        MatchedAt = at;
        MatchNote = note;
        Version++;
    }
}
