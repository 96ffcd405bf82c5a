using Refunds.Core.Access;
using Refunds.Core.Approvals;
using Refunds.Core.Audit;
using Refunds.Core.Payments;
using Refunds.Core.Payouts;

namespace Refunds.Core.Refunds;

/// <summary>
/// A full or partial refund of one payment. It owns its status: each move is one method, checked
/// against <see cref="RefundStatusTransitions"/>, recorded in its audit trail, and applied to the
/// payment's reserved and refunded amounts in the same unit of work.
/// </summary>
public sealed class Refund
{
    private readonly List<AuditEntry> _history = [];

    private readonly List<Approval> _approvals = [];

    // Status changes of this unit of work, raised by the unit of work once it has committed.
    private readonly List<RefundStatusChanged> _changes = [];

    // How many of those the daily figures already hold: a unit of work may save more than once.
    private int _changesInFigures;

    private Refund()
    {
        CurrencyCode = null!;
        ReasonCode = null!;
        Beneficiary = null!;
        CreatedBy = null!;
        CreatedByName = null!;
        Payment = null!;
    }

    internal Refund(Payment payment, Money amount, string reasonCode, string? description, string? externalReference,
        Beneficiary beneficiary, Actor maker, DateTimeOffset at, string? idempotencyKey, string requestFingerprint,
        ApprovalRequirement requirement, RefundKind? kind = null, string? metadata = null)
    {
        Id = Guid.CreateVersion7(at);
        Payment = payment;
        PaymentId = payment.Id;
        AmountMinor = amount.MinorUnits;
        CurrencyCode = amount.Currency.Code;
        ReasonCode = reasonCode;
        Description = description;
        ExternalReference = externalReference;
        Beneficiary = beneficiary;
        Status = RefundStatus.Created;
        CreatedBy = maker.Id;
        CreatedByName = maker.DisplayName;
        CreatedAt = at;
        UpdatedAt = at;
        IdempotencyKey = idempotencyKey;
        RequestFingerprint = requestFingerprint;
        Kind = kind;
        Metadata = metadata;
        ApprovalPolicyVersion = requirement.PolicyVersion;
        ApprovalsRequired = requirement.Approvals;
        ApprovalRole = requirement.Role;

        payment.Reserve(amount);
        _history.Add(new AuditEntry(Id, at, maker.Id, maker.DisplayName, null, RefundStatus.Created, description));
        _changes.Add(new RefundStatusChanged(Id, PaymentId, RefundStatus.Created, null, at, null, maker.Id, amount));
    }

    public Guid Id { get; private set; }

    public Guid PaymentId { get; private set; }

    public Payment Payment { get; private set; }

    public long AmountMinor { get; private set; }

    public string CurrencyCode { get; private set; }

    public string ReasonCode { get; private set; }

    public string? Description { get; private set; }

    public string? ExternalReference { get; private set; }

    public Beneficiary Beneficiary { get; private set; }

    /// <summary>Full or partial, when the maker said which; null for refunds made without saying.</summary>
    public RefundKind? Kind { get; private set; }

    /// <summary>The maker's own JSON object, kept as sent (see <see cref="RefundMetadata"/>).</summary>
    public string? Metadata { get; private set; }

    public RefundStatus Status { get; private set; }

    /// <summary>The maker: the user subject or client id that initiated the refund.</summary>
    public string CreatedBy { get; private set; }

    public string CreatedByName { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>The checker who approved or rejected it, or the maker who cancelled it.</summary>
    public string? ActionedBy { get; private set; }

    public string? ActionedByName { get; private set; }

    public DateTimeOffset? ActionedAt { get; private set; }

    public string? DecisionNote { get; private set; }

    /// <summary>Lean's refund_intent_id: the payout intent created when the refund is approved.</summary>
    public Guid? RefundIntentId { get; private set; }

    public string? BankReference { get; private set; }

    public string? FailureReason { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public string? IdempotencyKey { get; private set; }

    /// <summary>A hash of what was asked for, so a replayed idempotency key can be told from a reused one.</summary>
    public string RequestFingerprint { get; private set; } = "";

    /// <summary>Optimistic concurrency token: two decisions on one refund cannot both commit.</summary>
    public long Version { get; private set; }

    public IReadOnlyList<AuditEntry> History => _history;

    /// <summary>The approval policy version it was created under; null for refunds made before there was one.</summary>
    public int? ApprovalPolicyVersion { get; private set; }

    /// <summary>How many distinct reviewers, never its maker, must approve it before it is paid.</summary>
    public int ApprovalsRequired { get; private set; } = 1;

    /// <summary>The role each of those reviewers must hold, if its tier asks for one.</summary>
    public string? ApprovalRole { get; private set; }

    /// <summary>The approvals it was given, oldest first.</summary>
    public IReadOnlyList<Approval> Approvals => _approvals.OrderBy(a => a.Number).ToList();

    /// <summary>What it needs, as recorded when it was created, and who has approved it so far.</summary>
    public ApprovalProgress ApprovalProgress => new(ApprovalsRequired, ApprovalRole, Approvals.Select(a => a.By).ToList());

    /// <summary>How often the payout dispatcher has tried to submit this refund to the bank.</summary>
    public int PayoutAttempts { get; private set; }

    /// <summary>When the payout dispatcher should next look at this refund (submit, retry or ask the bank).</summary>
    public DateTimeOffset? NextPayoutAttemptAt { get; private set; }

    /// <summary>The dispatcher instance working on this refund's payout now, if any: two instances never work on it at once.</summary>
    public PayoutLease? PayoutLease { get; private set; }

    public Money Amount => new(AmountMinor, Currency.Of(CurrencyCode));

    /// <summary>This unit of work's status changes, not yet saved.</summary>
    internal IReadOnlyList<RefundStatusChanged> PendingChanges => _changes;

    internal IReadOnlyList<RefundStatusChanged> TakeChanges()
    {
        var changes = _changes.ToList();
        _changes.Clear();
        _changesInFigures = 0;
        return changes;
    }

    internal IReadOnlyList<RefundStatusChanged> ChangesNotInFigures => _changes[_changesInFigures..];

    internal void MarkChangesInFigures() => _changesInFigures = _changes.Count;

    /// <summary>
    /// Records <paramref name="reviewer"/>'s approval; the one that completes the approvals required approves
    /// the refund and queues it for payout. Whether the reviewer may approve is the caller's to have asked
    /// (<see cref="MakerCheckerPolicy"/>).
    /// </summary>
    internal void RecordApproval(Actor reviewer, DateTimeOffset at, string? note)
    {
        if (RefundStatusTransitions.WhyNot(Id, Status, RefundStatus.Approved) is { } violation) throw violation;
        var approval = new Approval(_approvals.Count + 1, reviewer, at, note);
        _approvals.Add(approval);
        if (_approvals.Count >= ApprovalsRequired)
        {
            Approve(reviewer, at, note, approval);
            return;
        }
        _changes.Add(new RefundStatusChanged(Id, PaymentId, Status, Status, at, null, reviewer.Id, Amount, approval));
        UpdatedAt = at;
        // Two reviewers recording approvals at once touch the same row: one commits, the other is run
        // again and sees both the approval and the count it now has.
        Version++;
    }

    /// <summary>Cancelled by the system: it waited longer than the policy allows for its approvals.</summary>
    internal void Expire(DateTimeOffset at)
    {
        MoveTo(RefundStatus.Cancelled, Actor.System, at, ExpiredNote);
        RecordDecision(Actor.System, at, ExpiredNote);
    }

    public const string ExpiredNote = "expired awaiting approval";

    private void Approve(Actor checker, DateTimeOffset at, string? note, Approval approval)
    {
        MoveTo(RefundStatus.Approved, checker, at, note, approval);
        RecordDecision(checker, at, note);
        RefundIntentId = Guid.CreateVersion7(at);
        // Queued for payout: the dispatcher picks it up from here.
        NextPayoutAttemptAt = at;
    }

    internal void Reject(Actor checker, DateTimeOffset at, string? note)
    {
        MoveTo(RefundStatus.Rejected, checker, at, note);
        RecordDecision(checker, at, note);
    }

    internal void Cancel(Actor maker, DateTimeOffset at, string? note)
    {
        MoveTo(RefundStatus.Cancelled, maker, at, note);
        RecordDecision(maker, at, note);
    }

    /// <summary>
    /// Takes the refund for one dispatcher instance until <paramref name="until"/>; false when another
    /// instance holds it or it is not due.
    /// </summary>
    internal bool TryLeaseForPayout(string owner, DateTimeOffset now, DateTimeOffset until)
    {
        if (Status is not (RefundStatus.Approved or RefundStatus.PendingWithBank)) return false;
        if (NextPayoutAttemptAt > now) return false;
        if (PayoutLease is { } held && held.Until > now && held.Owner != owner) return false;
        PayoutLease = new PayoutLease(owner, until);
        Version++;
        return true;
    }

    internal bool IsLeasedBy(string owner, DateTimeOffset now) => PayoutLease?.IsHeldBy(owner, now) == true;

    /// <summary>The bank took the payout instruction; it now answers for the outcome, asked again at <paramref name="askAgainAt"/>.</summary>
    internal void MarkSentToBank(string bankReference, DateTimeOffset at, DateTimeOffset askAgainAt)
    {
        MoveTo(RefundStatus.PendingWithBank, Actor.System, at, $"Submitted to the bank as {bankReference}");
        BankReference = bankReference;
        ReleasePayoutLease(askAgainAt);
    }

    internal void MarkAcceptedByBank(DateTimeOffset at)
    {
        MoveTo(RefundStatus.AcceptedByBank, Actor.System, at, "Paid out by the bank");
        ReleasePayoutLease(null);
    }

    internal void MarkFailed(string reason, DateTimeOffset at)
    {
        MoveTo(RefundStatus.Failed, Actor.System, at, reason);
        FailureReason = reason;
        ReleasePayoutLease(null);
    }

    /// <summary>
    /// Put in payout file <paramref name="messageId"/> by <paramref name="actor"/>: the file, not the
    /// dispatcher, takes it to the bank, so the dispatcher never looks at it again.
    /// </summary>
    internal void AddToPayoutFile(string messageId, Actor actor, DateTimeOffset at)
    {
        if (PayoutLease is { } held && held.Until > at)
            throw new RuleViolation(ErrorCode.ConcurrentUpdate, $"Refund {Id} is being sent to the bank by the payout dispatcher.");
        MoveTo(RefundStatus.PendingWithBank, actor, at, $"In payout file {messageId}");
        ReleasePayoutLease(null);
    }

    /// <summary>Its payout file <paramref name="messageId"/> was voided before it reached the bank: queued again.</summary>
    internal void ReturnFromVoidedFile(string messageId, Actor actor, DateTimeOffset at)
    {
        if (RefundStatusTransitions.WhyNotReturnToApproved(Id, Status) is { } violation) throw violation;
        Record(RefundStatus.Approved, actor, at, $"Payout file {messageId} was voided before it was sent; approved again");
        NextPayoutAttemptAt = at;
    }

    /// <summary>The bank said something that changes nothing (still on its way): kept in the timeline.</summary>
    internal void RecordBankNotice(string note, DateTimeOffset at)
    {
        _history.Add(new AuditEntry(Id, at, Actor.System.Id, Actor.System.DisplayName, Status, Status, note));
        UpdatedAt = at;
        Version++;
    }

    /// <summary>A submission failed for a passing reason (the bank was unreachable): try again later.</summary>
    internal void RecordFailedSubmission(DateTimeOffset retryAt)
    {
        PayoutAttempts++;
        ReleasePayoutLease(retryAt);
        Version++;
    }

    /// <summary>Still with the bank: ask again later.</summary>
    internal void AwaitBank(DateTimeOffset askAgainAt)
    {
        ReleasePayoutLease(askAgainAt);
        Version++;
    }

    private void ReleasePayoutLease(DateTimeOffset? next)
    {
        PayoutLease = null;
        NextPayoutAttemptAt = next;
    }

    private void RecordDecision(Actor actor, DateTimeOffset at, string? note)
    {
        ActionedBy = actor.Id;
        ActionedByName = actor.DisplayName;
        ActionedAt = at;
        DecisionNote = note;
    }

    private void MoveTo(RefundStatus to, Actor actor, DateTimeOffset at, string? note, Approval? approval = null)
    {
        if (RefundStatusTransitions.WhyNot(Id, Status, to) is { } violation) throw violation;
        Record(to, actor, at, note, approval);
    }

    private void Record(RefundStatus to, Actor actor, DateTimeOffset at, string? note, Approval? approval = null)
    {
        if (Payment is null)
            throw new InvalidOperationException("A refund's payment must be loaded before its status changes.");

        if (RefundStatusTransitions.ReleasesAmount(to)) Payment.Release(Amount);
        if (to == RefundStatus.AcceptedByBank) Payment.RecordRefunded(Amount);

        _history.Add(new AuditEntry(Id, at, actor.Id, actor.DisplayName, Status, to, note));
        _changes.Add(new RefundStatusChanged(Id, PaymentId, to, Status, at, to == RefundStatus.Failed ? note : null, actor.Id, Amount, approval));
        Status = to;
        UpdatedAt = at;
        Version++;
    }
}
