namespace Refunds.Core.Analytics;

/// <summary>What a <see cref="DailyFigure"/> counts, and what its key names.</summary>
public enum FigureMeasure
{
    /// <summary>Refunds created that day now in one status (the key is the status's wire name).</summary>
    Status,
    /// <summary>Refunds created that day with one reason code (the key).</summary>
    Reason,
    /// <summary>Refunds created that day that failed, by the bank's failure reason (the key).</summary>
    FailureReason,
    /// <summary>Refunds created that day and decided (approved or rejected), by how long the decision took (the key is a <see cref="DurationBuckets"/> bucket).</summary>
    DecisionTime,
    /// <summary>Refunds created that day and paid out by the bank, by how long that took from creation (the key is a bucket).</summary>
    PayoutTime,
    /// <summary>Payments received that day (accepted by the bank; the key is empty).</summary>
    PaymentsReceived,
}
