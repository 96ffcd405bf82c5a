namespace Refunds.Core.Refunds;

/// <summary>
/// What a maker said they asked for, when they said it: everything still refundable on the payment,
/// or a part of it. A refund made without saying is neither (null).
/// </summary>
public enum RefundKind
{
    /// <summary>Everything still refundable: the amount, when given, must equal it.</summary>
    Full,
    /// <summary>Part of what is still refundable: the amount is required and must be less.</summary>
    Partial,
}
