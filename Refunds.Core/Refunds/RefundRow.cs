using Refunds.Core.Approvals;
using Refunds.Core.Payments;

namespace Refunds.Core.Refunds;

/// <summary>
/// A refund as a list row shows it: only the displayed fields, so a page that keeps its rows for the
/// whole of a session (the dashboard's grid) does not hold whole refunds with their payments.
/// </summary>
public sealed record RefundRow(Guid Id, Guid PaymentId, DateTimeOffset CreatedAt, Money Amount, string ReasonCode, RefundStatus Status,
    string CreatedBy, string CreatedByName, string? ActionedByName, ApprovalProgress Approvals);
