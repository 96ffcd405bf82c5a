namespace Refunds.Core.Refunds;

/// <summary>
/// What became of one decision taken on its own (<see cref="RefundEngine.DecideEachAsync"/>): the refund
/// as decided, or the rule it broke (its index is the decision's position in the request).
/// </summary>
public sealed record DecisionOutcome(RefundDecision Decision, Refund? Decided, ItemViolation? Refused)
{
    public bool Succeeded => Refused is null;
}
