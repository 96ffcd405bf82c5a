using System.Linq.Expressions;
using Microsoft.Extensions.Options;
using Refunds.Core.Access;
using Refunds.Core.Refunds;

namespace Refunds.Core.Approvals;

/// <summary>
/// Four eyes (or more) on every refund: who may approve, reject or withdraw a refund, under the approval
/// requirement it was created with. The one answer to "what may this operator do with this refund, and if
/// not, why": the engine asks it before it acts, pages ask it which buttons to offer and what to say on the
/// ones they disable.
/// </summary>
public sealed class MakerCheckerPolicy(IOptions<RefundsOptions> options)
{
    /// <summary>Whether this operator reviews refunds at all (pages show decision controls only to them).</summary>
    public bool IsReviewer(Actor actor) => actor.Can(Permission.ApproveRefunds);

    /// <summary>What <paramref name="actor"/> may do with <paramref name="refund"/> now.</summary>
    public PossibleActions ActionsOn(Actor actor, Refund refund) =>
        ActionsOn(actor, refund.Id, refund.Status, refund.CreatedBy, refund.ApprovalProgress);

    /// <summary>The same for a list row, which carries what the answer depends on.</summary>
    public PossibleActions ActionsOn(Actor actor, RefundRow refund) =>
        ActionsOn(actor, refund.Id, refund.Status, refund.CreatedBy, refund.Approvals);

    /// <summary>
    /// The refunds <paramref name="reviewer"/> may approve now, as a query (lists and counts): the same
    /// rules as <see cref="ActionsOn(Actor, Refund)"/> for a person: CREATED, made by someone else, not yet
    /// approved by them, and of a tier whose role they hold.
    /// </summary>
    public Expression<Func<Refund, bool>> AwaitingApprovalBy(Actor reviewer)
    {
        if (!IsReviewer(reviewer)) return r => false;
        var id = reviewer.Id;
        var heldRoles = OperatorRoles.ApprovalRoles.Where(role => reviewer.Can(OperatorRoles.ApprovalPermissionOf(role))).ToList();
        return r => r.Status == RefundStatus.Created && r.CreatedBy != id && !r.Approvals.Any(a => a.By == id)
            && (r.ApprovalRole == null || heldRoles.Contains(r.ApprovalRole));
    }

    /// <summary>
    /// Creating a refund already approved is its maker approving it: only for clients allowed to
    /// self-approve, and only where one approval is all the amount needs (a tier asking for more wants
    /// that many reviewers other than the maker) from someone the tier's role allows.
    /// </summary>
    public RuleViolation? WhyMayNotCreateApproved(Actor maker, ApprovalRequirement requirement)
    {
        if (!maker.Can(Permission.ApproveRefunds) || !MaySelfApprove(maker))
            return new RuleViolation(ErrorCode.MakerCheckerViolation,
                "A refund cannot be created already approved: another reviewer must approve it.");
        if (requirement.Approvals > 1)
            return new RuleViolation(ErrorCode.MakerCheckerViolation,
                $"A refund of this amount needs {requirement.Approvals} approvals from reviewers other than its maker, so it cannot be created already approved.");
        return WhyLacksRole(maker, requirement.Role);
    }

    private PossibleActions ActionsOn(Actor actor, Guid refundId, RefundStatus status, string makerId, ApprovalProgress progress)
    {
        var whyMayNotDecide = WhyMayNotDecide(actor, makerId, progress);
        return new PossibleActions(
            Decision(actor, refundId, status, RefundStatus.Approved, whyMayNotDecide, WhyApprovedAlready(actor, progress)),
            Decision(actor, refundId, status, RefundStatus.Rejected, whyMayNotDecide, null),
            new PossibleAction(
                actor.Can(Permission.WriteRefunds) && RefundStatusTransitions.IsAllowed(status, RefundStatus.Cancelled),
                WhyMayNotCancel(actor, makerId) ?? RefundStatusTransitions.WhyNot(refundId, status, RefundStatus.Cancelled)),
            progress);
    }

    // Who may decide comes before whether the refund still awaits a decision, as the engine has always refused;
    // an approval already given counts only while the refund still awaits more.
    private PossibleAction Decision(Actor actor, Guid refundId, RefundStatus status, RefundStatus to, RuleViolation? whyMayNotDecide,
        RuleViolation? whyNotAgain) =>
        new(IsReviewer(actor) && RefundStatusTransitions.IsAllowed(status, to),
            whyMayNotDecide ?? RefundStatusTransitions.WhyNot(refundId, status, to) ?? whyNotAgain);

    private RuleViolation? WhyMayNotDecide(Actor checker, string makerId, ApprovalProgress progress)
    {
        if (!IsReviewer(checker))
            return new RuleViolation(ErrorCode.OperationNotAllowed,
                $"Operation Not Allowed, {checker.DisplayName} may not approve or reject refunds.");
        // the checker must not be the maker (a self-approving client may be, where one approval is all it needs)
        if (makerId == checker.Id && !(MaySelfApprove(checker) && progress.Required == 1))
            return new RuleViolation(ErrorCode.MakerCheckerViolation, progress.Required == 1
                ? "You initiated this refund, so another reviewer must approve or reject it."
                : $"You initiated this refund, so {progress.Required} other reviewers must approve it, or one reject it.");
        return WhyLacksRole(checker, progress.Role);
    }

    // Each approval a refund needs comes from a different reviewer.
    private static RuleViolation? WhyApprovedAlready(Actor checker, ApprovalProgress progress) =>
        progress.ApprovedBy.Contains(checker.Id, StringComparer.Ordinal)
            ? new RuleViolation(ErrorCode.MakerCheckerViolation, progress.Missing == 1
                ? "You already approved this refund; the last approval it needs must come from another reviewer."
                : $"You already approved this refund; the {progress.Missing} more approvals it needs must come from other reviewers.")
            : null;

    // In a tier that asks for a role, every decision comes from someone holding it.
    private static RuleViolation? WhyLacksRole(Actor checker, string? role) =>
        role is not null && !checker.Can(OperatorRoles.ApprovalPermissionOf(role))
            ? new RuleViolation(ErrorCode.OperationNotAllowed,
                $"Operation Not Allowed, refunds of this amount are decided by a {role}; {checker.DisplayName} is not one.")
            : null;

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
