using Refunds.Core.Refunds;

namespace Refunds.Core.Audit;

/// <summary>
/// One line of a refund's timeline: who moved it from which status to which, when, and why.
/// Entries are only ever appended; the DbContext refuses to update or delete them.
/// </summary>
public sealed class AuditEntry
{
    private AuditEntry()
    {
        ActorId = null!;
        ActorName = null!;
    }

    internal AuditEntry(Guid refundId, DateTimeOffset at, string actorId, string actorName, RefundStatus? from, RefundStatus to, string? note)
    {
        RefundId = refundId;
        At = at;
        ActorId = actorId;
        ActorName = actorName;
        From = from;
        To = to;
        Note = note;
    }

    public long Id { get; private set; }

    public Guid RefundId { get; private set; }

    public DateTimeOffset At { get; private set; }

    public string ActorId { get; private set; }

    public string ActorName { get; private set; }

    /// <summary>Null on the entry that records the refund's creation.</summary>
    public RefundStatus? From { get; private set; }

    public RefundStatus To { get; private set; }

    public string? Note { get; private set; }
}
