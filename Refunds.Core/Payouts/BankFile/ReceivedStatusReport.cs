using Refunds.Core.Access;

namespace Refunds.Core.Payouts.BankFile;

/// <summary>
/// A bank status report (pain.002 or camt.054) that was applied, kept with its SHA-256: the same report
/// again (a unique index on the hash) gives back this outcome and changes nothing.
/// </summary>
public sealed class ReceivedStatusReport
{
    private ReceivedStatusReport()
    {
        Format = null!;
        MessageId = null!;
        Sha256 = null!;
        ReceivedBy = null!;
        ReceivedByName = null!;
        UnknownEndToEndIds = null!;
    }

    internal ReceivedStatusReport(PaymentStatusReport report, string sha256, Actor actor, DateTimeOffset at)
    {
        Id = Guid.CreateVersion7(at);
        Format = report.Format;
        MessageId = report.MessageId;
        OriginalMessageId = report.OriginalMessageId;
        Sha256 = sha256;
        ReceivedBy = actor.Id;
        ReceivedByName = actor.DisplayName;
        ReceivedAt = at;
        UnknownEndToEndIds = "";
    }

    public Guid Id { get; private set; }

    /// <summary>The message: <c>pain.002.001.10</c>, <c>camt.054.001.08</c>...</summary>
    public string Format { get; private set; }

    /// <summary>The report's own id (a pain.002's <c>MsgId</c>, a camt.054 notification's <c>Id</c>).</summary>
    public string MessageId { get; private set; }

    /// <summary>The payout file it reports on, when it says (a pain.002's <c>OrgnlMsgId</c>).</summary>
    public string? OriginalMessageId { get; private set; }

    public string Sha256 { get; private set; }

    public string ReceivedBy { get; private set; }

    public string ReceivedByName { get; private set; }

    public DateTimeOffset ReceivedAt { get; private set; }

    /// <summary>Refunds the report says the bank paid.</summary>
    public int Accepted { get; private set; }

    /// <summary>Refunds the report says the bank rejected.</summary>
    public int Rejected { get; private set; }

    /// <summary>Refunds the report says are still on their way.</summary>
    public int Pending { get; private set; }

    /// <summary>End-to-end ids the report names that are in no live payout file, one per line.</summary>
    public string UnknownEndToEndIds { get; private set; }

    public IReadOnlyList<string> Unknown => UnknownEndToEndIds.Length == 0 ? [] : UnknownEndToEndIds.Split('\n');

    internal void Count(TransferOutcome outcome)
    {
        switch (outcome)
        {
            case TransferOutcome.Settled: Accepted++; break;
            case TransferOutcome.Rejected: Rejected++; break;
            default: Pending++; break;
        }
    }

    internal void ListUnknown(IEnumerable<string> endToEndIds) => UnknownEndToEndIds = string.Join('\n', endToEndIds);
}
