using System.Text.Json.Serialization;
using Refunds.Core;
using Refunds.Core.Payouts.BankFile;

namespace Refunds.Dashboard.Endpoints;

/// <summary>A payout file: where it is, who made, sent or voided it, its totals per currency, and (one file) its refunds.</summary>
public sealed record PayoutFileJson(
    Guid FileId,
    string MessageId,
    string Format,
    string Status,
    string FileName,
    string Sha256,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset? SentAt,
    string? SentBy,
    DateTimeOffset? VoidedAt,
    string? VoidedBy,
    int TransactionCount,
    int Settled,
    int Rejected,
    IReadOnlyList<CurrencyTotalJson> Totals,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<PayoutFileRefundJson>? Refunds = null)
{
    public static PayoutFileJson From(PayoutFileSummary summary, IReadOnlyList<PayoutFileRefund>? refunds = null)
    {
        var file = summary.File;
        return new(file.Id, file.MessageId, file.Format, WireName.Of(file.Status), file.FileName, file.Sha256, file.CreatedAt, file.CreatedBy,
            file.SentAt, file.SentBy, file.VoidedAt, file.VoidedBy, file.TransactionCount, file.SettledCount, file.RejectedCount,
            [.. summary.Totals.Select(t => new CurrencyTotalJson(t.Amount.Currency.Code, t.Count, t.Amount.Major))],
            refunds?.Select(PayoutFileRefundJson.From).ToList());
    }
}

/// <summary>How many refunds of one currency a file pays, and how much in all (major units).</summary>
public sealed record CurrencyTotalJson(string Currency, int Count, decimal Amount);

/// <summary>A refund in a payout file; <c>withdrawn</c> when the file was voided (the refund went back to APPROVED).</summary>
public sealed record PayoutFileRefundJson(
    Guid RefundId,
    string EndToEndId,
    decimal Amount,
    string Currency,
    string BeneficiaryName,
    string Status,
    string? BankOutcome,
    string? FailureReason,
    bool Withdrawn)
{
    public static PayoutFileRefundJson From(PayoutFileRefund refund) => new(refund.RefundId, refund.EndToEndId, refund.Amount.Major,
        refund.Amount.Currency.Code, refund.BeneficiaryName, WireName.Of(refund.Status), refund.Outcome is { } outcome ? WireName.Of(outcome) : null,
        refund.FailureReason, refund.Withdrawn);
}

/// <summary>What a bank status report changed; <c>already_applied</c> when it had been applied before and nothing changed now.</summary>
public sealed record StatusReportJson(
    Guid ReportId,
    string Format,
    string MessageId,
    string? OriginalMessageId,
    string Sha256,
    DateTimeOffset ReceivedAt,
    string ReceivedBy,
    int Accepted,
    int Rejected,
    int Pending,
    IReadOnlyList<string> Unknown,
    bool AlreadyApplied)
{
    public static StatusReportJson From(StatusReports.Outcome outcome)
    {
        var report = outcome.Report;
        return new(report.Id, report.Format, report.MessageId, report.OriginalMessageId, report.Sha256, report.ReceivedAt, report.ReceivedBy,
            report.Accepted, report.Rejected, report.Pending, report.Unknown, outcome.AlreadyApplied);
    }
}
