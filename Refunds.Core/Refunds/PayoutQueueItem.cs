using Refunds.Core.Payments;

namespace Refunds.Core.Refunds;

/// <summary>A refund as the live payout queue shows it: only the displayed fields (see <see cref="RefundRow"/>).</summary>
public sealed record PayoutQueueItem(Guid Id, Money Amount, string BeneficiaryName, RefundStatus Status, string? FailureReason, DateTimeOffset UpdatedAt);
