using System.Collections.Frozen;

namespace Refunds.Core.Refunds;

/// <summary>The one table of allowed status moves. Anything not listed fails with INVALID_STATUS_TRANSITION.</summary>
public static class RefundStatusTransitions
{
    private static readonly FrozenDictionary<RefundStatus, RefundStatus[]> Allowed = new Dictionary<RefundStatus, RefundStatus[]>
    {
        [RefundStatus.Created] = [RefundStatus.Approved, RefundStatus.Rejected, RefundStatus.Cancelled],
        // Approved can fail without reaching the bank when every submission attempt failed.
        [RefundStatus.Approved] = [RefundStatus.PendingWithBank, RefundStatus.Failed],
        [RefundStatus.PendingWithBank] = [RefundStatus.AcceptedByBank, RefundStatus.Failed],
    }.ToFrozenDictionary();

    // The one move back: a refund in a payout file that was voided before it reached the bank is queued
    // again. It is kept out of Allowed so that no decision, dispatcher pass or bank report can take it;
    // only Refund.ReturnFromVoidedFile asks for it.
    private static readonly FrozenSet<RefundStatus> ReturnableToApproved = new[] { RefundStatus.PendingWithBank }.ToFrozenSet();

    public static bool IsAllowed(RefundStatus from, RefundStatus to) =>
        Allowed.TryGetValue(from, out var targets) && targets.Contains(to);

    /// <summary>Null when refund <paramref name="refundId"/> may move from <paramref name="from"/> to <paramref name="to"/>; otherwise why not.</summary>
    public static RuleViolation? WhyNot(Guid refundId, RefundStatus from, RefundStatus to) =>
        IsAllowed(from, to)
            ? null
            : new RuleViolation(ErrorCode.InvalidStatusTransition, $"Refund {refundId} is {WireName.Of(from)}; it cannot become {WireName.Of(to)}.");

    /// <summary>Null when refund <paramref name="refundId"/>, in a voided payout file, may go back to APPROVED; otherwise why not.</summary>
    public static RuleViolation? WhyNotReturnToApproved(Guid refundId, RefundStatus from) =>
        ReturnableToApproved.Contains(from)
            ? null
            : new RuleViolation(ErrorCode.InvalidStatusTransition,
                $"Refund {refundId} is {WireName.Of(from)}; only a refund pending with the bank in an unsent payout file goes back to {WireName.Of(RefundStatus.Approved)}.");

    /// <summary>Statuses after which a refund will never pay out, so its amount goes back to the payment.</summary>
    public static bool ReleasesAmount(RefundStatus status) =>
        status is RefundStatus.Rejected or RefundStatus.Cancelled or RefundStatus.Failed;

    public static bool IsFinal(RefundStatus status) => !Allowed.ContainsKey(status);

    /// <summary>
    /// Reads a status from the wire. CONFIRMED, the word Lean's guide uses, means APPROVED.
    /// </summary>
    public static bool TryParse(string? text, out RefundStatus status)
    {
        if (string.Equals(text?.Trim(), "CONFIRMED", StringComparison.OrdinalIgnoreCase))
        {
            status = RefundStatus.Approved;
            return true;
        }
        return WireName.TryParse(text, out status);
    }
}
