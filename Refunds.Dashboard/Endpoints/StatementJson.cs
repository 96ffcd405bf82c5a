using Refunds.Core;
using Refunds.Core.Payments;
using Refunds.Core.Statements;

namespace Refunds.Dashboard.Endpoints;

/// <summary>An imported statement and how its lines came out; <c>already_imported</c> when this request imported nothing new.</summary>
public sealed record StatementJson(
    Guid StatementId,
    string Format,
    string? AccountIban,
    string StatementReference,
    string FileSha256,
    DateTimeOffset ImportedAt,
    string ImportedBy,
    bool AlreadyImported,
    int Lines,
    int Matched,
    int AlreadyReconciled,
    int Ambiguous,
    int Unmatched,
    int Ignored)
{
    public static StatementJson From(StatementImport import, bool created = true) => new(
        import.Id, import.Format, import.AccountIban, import.StatementReference, import.FileSha256, import.ImportedAt, import.ImportedBy,
        !created, import.Lines, import.Matched, import.AlreadyReconciled, import.Ambiguous, import.Unmatched, import.Ignored);
}

/// <summary>One line of a statement, what became of it, and (ambiguous) the payments it could be.</summary>
public sealed record StatementLineJson(
    Guid LineId,
    int Number,
    string LineReference,
    decimal Amount,
    string Currency,
    DateOnly? BookingDate,
    DateOnly? ValueDate,
    string? EndToEndId,
    string? Remittance,
    string? DebtorName,
    string? DebtorIban,
    string Result,
    string? Reason,
    Guid? PaymentId,
    IReadOnlyList<CandidatePaymentJson> Candidates,
    string? MatchedBy,
    DateTimeOffset? MatchedAt,
    string? MatchNote)
{
    public static StatementLineJson From(ImportedStatementLine line, IReadOnlyDictionary<Guid, Payment> payments) => new(
        line.Id, line.Number, line.LineReference, line.Amount, line.CurrencyCode, line.BookingDate, line.ValueDate, line.EndToEndId,
        line.Remittance, line.DebtorName, line.DebtorIban, WireName.Of(line.Result), line.Reason,
        line.PaymentId,
        [.. line.Candidates.Select(id => payments.TryGetValue(id, out var p) ? CandidatePaymentJson.From(p) : new CandidatePaymentJson(id, null, null, null, null, null))],
        line.MatchedBy, line.MatchedAt, line.MatchNote);
}

/// <summary>A payment an ambiguous line could be.</summary>
public sealed record CandidatePaymentJson(Guid PaymentId, decimal? Amount, string? Currency, string? MerchantReference, string? PayerName, DateTimeOffset? CreatedAt)
{
    public static CandidatePaymentJson From(Payment payment) =>
        new(payment.Id, payment.Amount.Major, payment.CurrencyCode, payment.MerchantReference, payment.Payer.Name, payment.CreatedAt);
}
