namespace Refunds.Core.Payments;

/// <summary>What a payments list is narrowed to; every part is optional. <c>To</c> is exclusive.</summary>
public sealed record PaymentFilter(
    bool? Reconciled = null,
    string? Currency = null,
    string? CustomerId = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    string? Text = null);
