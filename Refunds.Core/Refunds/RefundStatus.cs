namespace Refunds.Core.Refunds;

/// <summary>Lean's refund statuses, plus Cancelled for a refund its initiator withdrew.</summary>
public enum RefundStatus
{
    /// <summary>Initiated, awaiting a checker's decision; its amount is already held on the payment.</summary>
    Created,
    /// <summary>Confirmed by a checker and queued for bank payout. Lean's guide calls this CONFIRMED.</summary>
    Approved,
    Rejected,
    PendingWithBank,
    AcceptedByBank,
    Failed,
    Cancelled,
}
