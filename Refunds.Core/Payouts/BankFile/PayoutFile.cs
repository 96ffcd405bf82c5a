using Refunds.Core.Access;

namespace Refunds.Core.Payouts.BankFile;

/// <summary>
/// One pain.001 credit-transfer file: the refunds it pays (<see cref="PayoutFileItem"/>), the SHA-256 of
/// its XML (kept byte for byte in <see cref="PayoutFileContent"/>), and what became of it: created, sent, voided, and as the bank's
/// reports come back, partly settled and settled.
/// </summary>
public sealed class PayoutFile
{
    private PayoutFile()
    {
        MessageId = null!;
        Format = null!;
        CreatedBy = null!;
        CreatedByName = null!;
        Sha256 = null!;
    }

    internal PayoutFile(string format, Actor creator, DateTimeOffset at)
    {
        Id = Guid.CreateVersion7(at);
        // Unique (an index holds it) and within the writer's 30 characters: the time, then random digits of the id.
        MessageId = $"RF{at.UtcDateTime:yyyyMMddHHmmss}{Id.ToString("N")[^8..].ToUpperInvariant()}";
        Format = format;
        CreatedBy = creator.Id;
        CreatedByName = creator.DisplayName;
        CreatedAt = at;
        State = PayoutFileStatus.Created;
        Sha256 = "";
    }

    public Guid Id { get; private set; }

    /// <summary>The file's <c>MsgId</c>: what the bank's status reports name it by.</summary>
    public string MessageId { get; private set; }

    /// <summary><c>pain.001.001.09</c> or <c>pain.001.001.03</c>.</summary>
    public string Format { get; private set; }

    public string CreatedBy { get; private set; }

    public string CreatedByName { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Created, sent or voided: what operators did. <see cref="Status"/> adds what the bank did.</summary>
    public PayoutFileStatus State { get; private set; }

    public string? SentBy { get; private set; }

    public string? SentByName { get; private set; }

    public DateTimeOffset? SentAt { get; private set; }

    public string? VoidedBy { get; private set; }

    public string? VoidedByName { get; private set; }

    public DateTimeOffset? VoidedAt { get; private set; }

    /// <summary>The SHA-256 of the XML as written (<see cref="PayoutFileContent"/>), lower-case hex.</summary>
    public string Sha256 { get; private set; }

    public int TransactionCount { get; private set; }

    /// <summary>Refunds of the file the bank has paid.</summary>
    public int SettledCount { get; private set; }

    /// <summary>Refunds of the file the bank has rejected.</summary>
    public int RejectedCount { get; private set; }

    /// <summary>Optimistic concurrency token: "mark sent" and "void" at once cannot both commit.</summary>
    public long Version { get; private set; }

    public PayoutFileStatus Status => State != PayoutFileStatus.Sent ? State
        : SettledCount + RejectedCount == 0 ? PayoutFileStatus.Sent
        : SettledCount + RejectedCount < TransactionCount ? PayoutFileStatus.PartlySettled
        : PayoutFileStatus.Settled;

    /// <summary>The name the file is downloaded under.</summary>
    public string FileName => $"{MessageId}.xml";

    internal PayoutFileContent Hold(byte[] xml, int transactionCount)
    {
        Sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(xml));
        TransactionCount = transactionCount;
        return new PayoutFileContent(Id, xml);
    }

    internal void MarkSent(Actor actor, DateTimeOffset at)
    {
        if (State != PayoutFileStatus.Created)
            throw new RuleViolation(ErrorCode.InvalidStatusTransition, $"Payout file {MessageId} is {WireName.Of(State)}; only a created file can be marked sent.");
        State = PayoutFileStatus.Sent;
        SentBy = actor.Id;
        SentByName = actor.DisplayName;
        SentAt = at;
        Version++;
    }

    internal void Void(Actor actor, DateTimeOffset at)
    {
        if (State != PayoutFileStatus.Created)
            throw new RuleViolation(ErrorCode.InvalidStatusTransition,
                $"Payout file {MessageId} is {WireName.Of(State)}; only a file not yet sent can be voided.");
        State = PayoutFileStatus.Voided;
        VoidedBy = actor.Id;
        VoidedByName = actor.DisplayName;
        VoidedAt = at;
        Version++;
    }

    internal void CountOutcome(TransferOutcome outcome)
    {
        if (outcome == TransferOutcome.Settled) SettledCount++;
        else if (outcome == TransferOutcome.Rejected) RejectedCount++;
        Version++;
    }
}
