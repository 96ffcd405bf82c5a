using System.Collections.Frozen;
using Refunds.Core.Refunds;

namespace Refunds.Dashboard.Endpoints.AdminRefunds;

/// <summary>
/// Our statuses in the admin API's words. The seed names no values; its <c>stripe_refund_id</c> says
/// the API it copies wrapped Stripe, whose refunds are pending, succeeded, failed or canceled.
/// </summary>
public static class AdminRefundStatus
{
    private static readonly FrozenDictionary<RefundStatus, string> Words = new Dictionary<RefundStatus, string>
    {
        [RefundStatus.Created] = "pending",
        [RefundStatus.Approved] = "pending",
        [RefundStatus.PendingWithBank] = "pending",
        [RefundStatus.AcceptedByBank] = "succeeded",
        [RefundStatus.Failed] = "failed",
        [RefundStatus.Rejected] = "canceled",
        [RefundStatus.Cancelled] = "canceled",
    }.ToFrozenDictionary();

    public static string Of(RefundStatus status) => Words[status];
}

/// <summary>The 201 answer to <c>POST /v1/admin/refunds</c>. <c>stripe_refund_id</c> is the bank's reference, "" until there is one.</summary>
public sealed record CreatedAdminRefundJson(Guid RefundId, Guid PaymentId, string? ChargeId, long AmountCents, string Status, string StripeRefundId,
    int ApprovalsRequired, IReadOnlyList<ApprovalJson> Approvals)
{
    public static CreatedAdminRefundJson From(Refund refund) => new(refund.Id, refund.PaymentId, refund.Payment.MerchantReference,
        refund.AmountMinor, AdminRefundStatus.Of(refund.Status), refund.BankReference ?? "", refund.ApprovalsRequired, ApprovalJson.Of(refund));
}

/// <summary>The answer to <c>GET /v1/admin/refunds</c>.</summary>
public sealed record AdminRefundListJson(IReadOnlyList<AdminRefundJson> Refunds);

/// <summary>
/// A refund in the admin list. <c>reason</c> is the text given (the refund's description), else its
/// reason code; <c>stripe_refund_id</c> is the bank's reference, null until there is one.
/// </summary>
public sealed record AdminRefundJson(Guid RefundId, Guid PaymentId, string? ChargeId, string CustomerId, long AmountCents, string Status,
    string? Reason, string? StripeRefundId, DateTimeOffset CreatedAt, int ApprovalsRequired, IReadOnlyList<ApprovalJson> Approvals)
{
    public static AdminRefundJson From(Refund refund) => new(refund.Id, refund.PaymentId, refund.Payment.MerchantReference,
        refund.Payment.CustomerId ?? "", refund.AmountMinor, AdminRefundStatus.Of(refund.Status), refund.Description ?? refund.ReasonCode,
        refund.BankReference, refund.CreatedAt, refund.ApprovalsRequired, ApprovalJson.Of(refund));
}
