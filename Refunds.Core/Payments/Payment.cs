namespace Refunds.Core.Payments;

/// <summary>
/// A customer's Pay by Bank payment, and how much of it is already promised back in refunds.
/// The reserved amount is the sum of every refund that still holds money (not rejected, cancelled or
/// failed); keeping it on the payment lets one conditional update decide an over-refund race.
/// </summary>
public sealed class Payment
{
    // True for a payment this process has just received (made by intake, not read from the database) until
    // its first save adds it to the daily figures; a copied or re-read payment is never counted again.
    private bool _notInFigures;

    private Payment()
    {
        CurrencyCode = null!;
        Payer = null!;
    }

    internal Payment(Guid id, Money amount, PaymentStatus status, PayerAccount payer, string? customerId,
        string? merchantReference, DateTimeOffset createdAt)
    {
        Id = id;
        AmountMinor = amount.MinorUnits;
        CurrencyCode = amount.Currency.Code;
        Status = status;
        Payer = payer;
        CustomerId = customerId;
        MerchantReference = merchantReference;
        CreatedAt = createdAt;
        _notInFigures = true;
    }

    public Guid Id { get; private set; }

    public long AmountMinor { get; private set; }

    public string CurrencyCode { get; private set; }

    public PaymentStatus Status { get; private set; }

    public PayerAccount Payer { get; private set; }

    public string? CustomerId { get; private set; }

    /// <summary>The merchant's own reference for the payment (a charge or order id).</summary>
    public string? MerchantReference { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? ReconciledAt { get; private set; }

    /// <summary>The bank statement line the payment was matched to.</summary>
    public string? ReconciliationReference { get; private set; }

    /// <summary>The imported statement that reconciled it; null when it was reconciled by a call naming the line.</summary>
    public Guid? StatementImportId { get; private set; }

    public long ReservedMinor { get; private set; }

    /// <summary>What the bank has actually paid back (refunds accepted by the bank).</summary>
    public long RefundedMinor { get; private set; }

    /// <summary>Optimistic concurrency token: every change to the payment moves it on.</summary>
    public long Version { get; private set; }

    public Currency Currency => Currency.Of(CurrencyCode);

    public Money Amount => new(AmountMinor, Currency);

    public Money Reserved => new(ReservedMinor, Currency);

    public Money Refunded => new(RefundedMinor, Currency);

    public Money Refundable => Amount - Reserved;

    public bool IsReconciled => ReconciledAt is not null;

    internal bool NotInFigures => _notInFigures;

    internal void MarkInFigures() => _notInFigures = false;

    internal void MarkReconciled(string reference, DateTimeOffset at, Guid? statementImportId = null)
    {
        if (Status != PaymentStatus.AcceptedByBank)
            throw new RuleViolation(ErrorCode.PaymentNotSettled,
                $"Payment {Id} is {WireName.Of(Status)}; only payments accepted by the bank can be reconciled.");
        ReconciledAt = at;
        ReconciliationReference = reference;
        StatementImportId = statementImportId;
        Version++;
    }

    /// <summary>
    /// Null when a refund of this payment may be initiated; otherwise why not (not reconciled, or
    /// nothing left to refund).
    /// </summary>
    public RuleViolation? WhyMayNotRefund()
    {
        if (!IsReconciled)
            return new RuleViolation(ErrorCode.PaymentNotReconciled,
                "Refunds are only available for transactions that have been reconciled.");
        if (Refundable.MinorUnits == 0)
            return new RuleViolation(ErrorCode.PaymentFullyRefunded,
                $"Payment {Id} has already been fully refunded (or its remaining amount is held by refunds in progress).");
        return null;
    }

    /// <summary>Holds back part of the payment for a new refund, or fails if that would over-refund it.</summary>
    internal void Reserve(Money amount)
    {
        if (WhyMayNotRefund() is { } violation) throw violation;
        if (amount > Refundable)
            throw new RuleViolation(ErrorCode.AmountExceedsRefundable,
                $"The total refund amount cannot exceed the original payment: {amount} requested, {Refundable} of {Amount} is refundable.");
        ReservedMinor += amount.MinorUnits;
        Version++;
    }

    /// <summary>Gives a refund's amount back when the refund will never be paid.</summary>
    internal void Release(Money amount)
    {
        ReservedMinor = checked(ReservedMinor - amount.MinorUnits);
        if (ReservedMinor < 0) throw new InvalidOperationException($"Payment {Id} would hold a negative reservation.");
        Version++;
    }

    internal void RecordRefunded(Money amount)
    {
        RefundedMinor = checked(RefundedMinor + amount.MinorUnits);
        Version++;
    }
}
