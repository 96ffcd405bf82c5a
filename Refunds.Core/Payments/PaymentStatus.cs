namespace Refunds.Core.Payments;

/// <summary>Where a Pay by Bank payment stands with the bank (Lean's payment statuses).</summary>
public enum PaymentStatus
{
    PendingWithBank,
    AcceptedByBank,
    Failed,
}
