using Refunds.Core;
using Refunds.Core.Audit;
using Refunds.Core.Refunds;

namespace Refunds.Dashboard.Endpoints;

/// <summary>A refund as the Lean-shaped API shows it: Lean's list fields, then ours.</summary>
public sealed record RefundJson(
    Guid RefundId,
    decimal DepositAmount,
    string DepositCurrency,
    Guid PaymentId,
    string Status,
    decimal Amount,
    string Currency,
    string ReasonCode,
    string? Description,
    string? ExternalReference,
    BeneficiaryJson Beneficiary,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    string? ActionedBy,
    Guid? RefundIntentId,
    DateTimeOffset? ActionedAt,
    string? DecisionNote,
    string? BankReference,
    string? FailureReason,
    DateTimeOffset UpdatedAt,
    int ApprovalsRequired,
    IReadOnlyList<ApprovalJson> Approvals)
{
    public static RefundJson From(Refund refund) => new(
        refund.Id, refund.Payment.Amount.Major, refund.Payment.CurrencyCode, refund.PaymentId, WireName.Of(refund.Status),
        refund.Amount.Major, refund.CurrencyCode, refund.ReasonCode, refund.Description, refund.ExternalReference,
        new BeneficiaryJson(refund.Beneficiary.Name, refund.Beneficiary.Iban, refund.Beneficiary.City),
        refund.CreatedAt, refund.CreatedBy, refund.ActionedBy, refund.RefundIntentId, refund.ActionedAt, refund.DecisionNote,
        refund.BankReference, refund.FailureReason, refund.UpdatedAt, refund.ApprovalsRequired, ApprovalJson.Of(refund));
}

/// <summary>One reviewer's approval of a refund, the same on every surface (its field names are one word in every casing).</summary>
public sealed record ApprovalJson(string By, DateTimeOffset At, string? Note)
{
    /// <summary>A refund's approvals, oldest first.</summary>
    public static IReadOnlyList<ApprovalJson> Of(Refund refund) => refund.Approvals.Select(a => new ApprovalJson(a.By, a.At, a.Note)).ToList();
}

public sealed record BeneficiaryJson(string Name, string Iban, string City);

/// <summary>One refund with its audit timeline, oldest entry first.</summary>
public sealed record RefundDetailJson(RefundJson Refund, IReadOnlyList<TimelineEntryJson> Timeline)
{
    public static RefundDetailJson From(Refund refund) =>
        new(RefundJson.From(refund), refund.History.OrderBy(e => e.Id).Select(TimelineEntryJson.Of).ToList());
}

public sealed record TimelineEntryJson(DateTimeOffset At, string Actor, string ActorName, string? From, string To, string? Note)
{
    public static TimelineEntryJson Of(AuditEntry entry) =>
        new(entry.At, entry.ActorId, entry.ActorName, entry.From is { } from ? WireName.Of(from) : null, WireName.Of(entry.To), entry.Note);
}

/// <summary>
/// The answer to a decision: Lean's <c>{refund_id, status}</c> plus who decided and when, and the approvals
/// so far (an approval that leaves the refund awaiting more answers with status CREATED).
/// </summary>
public sealed record DecisionJson(Guid RefundId, string Status, string? ActionedBy, DateTimeOffset? ActionedAt, int ApprovalsRequired,
    IReadOnlyList<ApprovalJson> Approvals)
{
    public static DecisionJson From(Refund refund) => new(refund.Id, WireName.Of(refund.Status), refund.ActionedBy, refund.ActionedAt,
        refund.ApprovalsRequired, ApprovalJson.Of(refund));
}

/// <summary>Lean's paged list: <c>{content, page: {number, size, total_elements, total_pages}}</c>.</summary>
public sealed record PageJson<T>(IReadOnlyList<T> Content, PageInfoJson Page)
{
    public static PageJson<T> From<TItem>(PagedList<TItem> list, Func<TItem, T> map) =>
        new(list.Items.Select(map).ToList(), new PageInfoJson(list.Page, list.Size, list.TotalElements, list.TotalPages));
}

public sealed record PageInfoJson(int Number, int Size, long TotalElements, int TotalPages);
