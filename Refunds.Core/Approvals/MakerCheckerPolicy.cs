using Microsoft.Extensions.Options;
using Refunds.Core.Access;
using Refunds.Core.Refunds;

namespace Refunds.Core.Approvals;

/// <summary>
/// Four eyes on every refund: who may approve, reject or withdraw a refund. The one answer to "what may
/// this operator do with this refund, and if not, why": the engine asks it before it acts, pages ask it
/// which buttons to offer and what to say on the ones they disable.
/// </summary>
public sealed class MakerCheckerPolicy(IOptions<RefundsOptions> options)
{
    /// <summary>Whether this operator reviews refunds at all (pages show decision controls only to them).</summary>
    public bool IsReviewer(Actor actor) => actor.Can(Permission.ApproveRefunds);

    /// <summary>What <paramref name="actor"/> may do with <paramref name="refund"/> now.</summary>
    public PossibleActions ActionsOn(Actor actor, Refund refund) => ActionsOn(actor, refund.Id, refund.Status, refund.CreatedBy);

    /// <summary>The same for a list row, which carries what the answer depends on.</summary>
    public PossibleActions ActionsOn(Actor actor, RefundRow refund) => ActionsOn(actor, refund.Id, refund.Status, refund.CreatedBy);

    /// <summary>Creating a refund already approved is its maker approving it: only for clients allowed to self-approve.</summary>
    public RuleViolation? WhyMayNotCreateApproved(Actor maker) =>
        maker.Can(Permission.ApproveRefunds) && MaySelfApprove(maker)
            ? null
            : new RuleViolation(ErrorCode.MakerCheckerViolation,
                "A refund cannot be created already approved: another reviewer must approve it.");

    private PossibleActions ActionsOn(Actor actor, Guid refundId, RefundStatus status, string makerId)
    {
        var whyMayNotDecide = WhyMayNotDecide(actor, makerId);
        return new PossibleActions(
            Decision(actor, refundId, status, RefundStatus.Approved, whyMayNotDecide),
            Decision(actor, refundId, status, RefundStatus.Rejected, whyMayNotDecide),
            new PossibleAction(
                actor.Can(Permission.WriteRefunds) && RefundStatusTransitions.IsAllowed(status, RefundStatus.Cancelled),
                WhyMayNotCancel(actor, makerId) ?? RefundStatusTransitions.WhyNot(refundId, status, RefundStatus.Cancelled)));
    }

    // Who may decide comes before whether the refund still awaits a decision, as the engine has always refused.
    private PossibleAction Decision(Actor actor, Guid refundId, RefundStatus status, RefundStatus to, RuleViolation? whyMayNotDecide) =>
        new(IsReviewer(actor) && RefundStatusTransitions.IsAllowed(status, to),
            whyMayNotDecide ?? RefundStatusTransitions.WhyNot(refundId, status, to));

    private RuleViolation? WhyMayNotDecide(Actor checker, string makerId)
    {
        if (!IsReviewer(checker))
            return new RuleViolation(ErrorCode.OperationNotAllowed,
                $"Operation Not Allowed, {checker.DisplayName} may not approve or reject refunds.");
        // the checker must not be the maker
        if (makerId == checker.Id && !MaySelfApprove(checker))
            return new RuleViolation(ErrorCode.MakerCheckerViolation,
                "You initiated this refund, so another reviewer must approve or reject it.");
        return null;
    }

    /// <summary>Only the maker may withdraw a refund, and only while it awaits a decision.</summary>
    private static RuleViolation? WhyMayNotCancel(Actor actor, string makerId)
    {
        if (!actor.Can(Permission.WriteRefunds))
            return new RuleViolation(ErrorCode.OperationNotAllowed,
                $"Operation Not Allowed, {actor.DisplayName} may not cancel refunds.");
        if (makerId != actor.Id)
            return new RuleViolation(ErrorCode.OperationNotAllowed,
                "Operation Not Allowed, only the initiator of a refund can cancel it.");
        return null;
    }

    private bool MaySelfApprove(Actor actor) =>
        actor.Kind == ActorKind.Integration && options.Value.SelfApprovalClients.Contains(actor.Id, StringComparer.Ordinal);
}
