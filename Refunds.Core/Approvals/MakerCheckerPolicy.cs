using Microsoft.Extensions.Options;
using Refunds.Core.Access;
using Refunds.Core.Refunds;

namespace Refunds.Core.Approvals;

/// <summary>
/// Four eyes on every refund: who may approve, reject or withdraw a refund. The engine enforces it;
/// pages ask it why an action is unavailable so they can say so.
/// </summary>
public sealed class MakerCheckerPolicy(IOptions<RefundsOptions> options)
{
    /// <summary>Null when the checker may approve or reject the refund, otherwise the reason they may not.</summary>
    public RuleViolation? WhyMayNotDecide(Actor checker, Refund refund) => WhyMayNotDecide(checker, refund.CreatedBy);

    /// <summary>The same, for a refund made by <paramref name="makerId"/> (a list row rather than the refund).</summary>
    public RuleViolation? WhyMayNotDecide(Actor checker, string makerId)
    {
        if (!checker.Can(Permission.ApproveRefunds))
            return new RuleViolation(ErrorCode.OperationNotAllowed,
                $"Operation Not Allowed, {checker.DisplayName} may not approve or reject refunds.");
        // the checker must not be the maker
        if (makerId == checker.Id && !MaySelfApprove(checker))
            return new RuleViolation(ErrorCode.MakerCheckerViolation,
                "You initiated this refund, so another reviewer must approve or reject it.");
        return null;
    }

    public void EnsureMayDecide(Actor checker, Refund refund)
    {
        if (WhyMayNotDecide(checker, refund) is { } violation) throw violation;
    }

    /// <summary>Creating a refund already approved is its maker approving it: only for clients allowed to self-approve.</summary>
    public RuleViolation? WhyMayNotCreateApproved(Actor maker) =>
        maker.Can(Permission.ApproveRefunds) && MaySelfApprove(maker)
            ? null
            : new RuleViolation(ErrorCode.MakerCheckerViolation,
                "A refund cannot be created already approved: another reviewer must approve it.");

    /// <summary>Only the maker may withdraw a refund, and only while it awaits a decision.</summary>
    public RuleViolation? WhyMayNotCancel(Actor actor, Refund refund)
    {
        if (!actor.Can(Permission.WriteRefunds))
            return new RuleViolation(ErrorCode.OperationNotAllowed,
                $"Operation Not Allowed, {actor.DisplayName} may not cancel refunds.");
        if (refund.CreatedBy != actor.Id)
            return new RuleViolation(ErrorCode.OperationNotAllowed,
                "Operation Not Allowed, only the initiator of a refund can cancel it.");
        return null;
    }

    private bool MaySelfApprove(Actor actor) =>
        actor.Kind == ActorKind.Integration && options.Value.SelfApprovalClients.Contains(actor.Id, StringComparer.Ordinal);
}
