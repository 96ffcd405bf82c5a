namespace Refunds.Core.Approvals;

/// <summary>
/// What one operator may do with one refund now: approve it, reject it, cancel it; and how far it is with
/// its approvals (a page says "1 of 2 approvals" from it). The answer of
/// <see cref="MakerCheckerPolicy"/>, which the engine asks
/// before it acts and pages ask before they offer a button, so both always agree.
/// </summary>
public sealed record PossibleActions(PossibleAction Approve, PossibleAction Reject, PossibleAction Cancel, ApprovalProgress Approvals);

/// <summary>One action on a refund, for one operator.</summary>
/// <param name="Offered">
/// The operator's role includes this action and the refund's status still allows it, so a page shows it
/// (disabled, with <paramref name="WhyNot"/>, when the operator may not take it).
/// </param>
/// <param name="WhyNot">Null when the operator may take it now; otherwise the refusal the engine gives, word for word.</param>
public sealed record PossibleAction(bool Offered, RuleViolation? WhyNot)
{
    public bool Allowed => WhyNot is null;
}
