using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Refunds.Core.Access;
using Refunds.Core.Approvals;
using Refunds.Core.Payments;
using Refunds.Core.Persistence;

namespace Refunds.Core.Refunds;

/// <summary>
/// Creates refunds and takes decisions on them. Every page and endpoint that changes a refund comes
/// through here; each call is one all-or-nothing unit of work.
/// </summary>
public sealed class RefundEngine(
    UnitOfWork unitOfWork,
    MakerCheckerPolicy makerChecker,
    ApprovalPolicies approvalPolicies,
    IOptions<RefundsOptions> options,
    TimeProvider clock)
{
    // Compiled once per engine (a compiled query serves one provider's model): refund creation runs on
    // the SQLite writer (ADR-010), where every microsecond of a unit of work is paid by every writer
    // queued behind it (what compiling saved is measured in bench/README.md, round 3). Read without tracking:
    // a create saves set-based what it changed (ADR-019).
    private readonly Func<RefundsDbContext, List<Guid>, List<string>, IAsyncEnumerable<Payment>> _paymentsToRefund =
        EF.CompileAsyncQuery((RefundsDbContext db, List<Guid> ids, List<string> references) =>
            db.Payments.AsNoTracking().Where(p => ids.Contains(p.Id) || (p.MerchantReference != null && references.Contains(p.MerchantReference))));

    private readonly Func<RefundsDbContext, IAsyncEnumerable<string>> _activeReasonCodes =
        EF.CompileAsyncQuery((RefundsDbContext db) => db.ReasonCodes.Where(r => r.IsActive).Select(r => r.Code));

    /// <summary>
    /// Creates every refund asked for, or none: an item that breaks a rule fails the whole batch with
    /// every failing item listed. An item whose idempotency key this maker already used for the same
    /// request gives back the refund it made then.
    /// </summary>
    public Task<IReadOnlyList<Refund>> CreateAsync(Actor maker, IReadOnlyList<RefundRequest> requests, CancellationToken cancellationToken = default)
    {
        maker.Require(Permission.WriteRefunds, "create refunds");
        if (!options.Value.PayoutsConfigured)
            throw new RuleViolation(ErrorCode.OperationNotAllowed, "Operation Not Allowed, payouts not configured");
        EnsureBatchSize(requests.Count, "refunds");

        return unitOfWork.RunAsync<IReadOnlyList<Refund>>(async (db, ct) =>
        {
            var paymentIds = requests.Where(r => r.PaymentReference is null).Select(r => r.PaymentId).Distinct().ToList();
            var references = requests.Select(r => Trimmed(r.PaymentReference)).OfType<string>().Distinct().ToList();
            var payments = await _paymentsToRefund(db, paymentIds, references).ToDictionaryAsync(p => p.Id, cancellationToken: ct);
            var paymentsAsRead = new UntrackedRows<Payment>(db, [.. payments.Values]);
            var byReference = payments.Values.Where(p => p.MerchantReference is not null).ToLookup(p => p.MerchantReference!, StringComparer.Ordinal);
            var activeReasons = await _activeReasonCodes(db).ToListAsync(ct);
            var policy = await approvalPolicies.InForceAsync(db, ct);
            var keys = requests.Select(r => r.IdempotencyKey).OfType<string>().Distinct().ToList();
            var earlier = keys.Count == 0
                ? []
                : await db.Refunds.AsNoTracking().Include(r => r.Payment)
                    .Where(r => r.CreatedBy == maker.Id && keys.Contains(r.IdempotencyKey!))
                    .ToDictionaryAsync(r => r.IdempotencyKey!, ct);

            var now = clock.GetUtcNow();
            var results = new List<Refund>(requests.Count);
            var created = new List<Refund>(requests.Count);
            var violations = new List<ItemViolation>();
            for (var index = 0; index < requests.Count; index++)
            {
                try
                {
                    var refund = CreateOne(maker, requests[index], payments, byReference, activeReasons, policy, earlier, now, out var isNew);
                    if (isNew)
                    {
                        created.Add(refund);
                        if (refund.IdempotencyKey is { } key) earlier[key] = refund;
                    }
                    results.Add(refund);
                }
                catch (RuleViolation violation)
                {
                    violations.Add(new ItemViolation(index, violation.Code, violation.Message));
                }
            }
            if (violations.Count > 0) throw new BatchViolation(violations);
            // The payments first: one that another unit reserved from meanwhile fails its version here, before any insert.
            await SetBasedSave.SaveModifiedAsync(db, paymentsAsRead, ct);
            await SetBasedSave.InsertRefundsAsync(db, created, ct);
            return results;
        }, cancellationToken);
    }

    /// <summary>
    /// Approves or rejects every refund listed, or none. Only a checker other than the maker may
    /// decide, and only a refund still awaiting a decision. An approval is recorded; the one that completes
    /// the approvals a refund needs approves it (<see cref="MakerCheckerPolicy"/> says who may give which).
    /// </summary>
    public Task<IReadOnlyList<Refund>> DecideAsync(Actor checker, IReadOnlyList<RefundDecision> decisions, CancellationToken cancellationToken = default)
    {
        checker.Require(Permission.ApproveRefunds, "approve or reject refunds");
        EnsureBatchSize(decisions.Count, "decisions");

        return unitOfWork.RunAsync<IReadOnlyList<Refund>>(async (db, ct) =>
        {
            var ids = decisions.Select(d => d.RefundId).Distinct().ToList();
            var read = await UntrackedRefundsWithPayments.ReadAsync(db, db.Refunds.Where(r => ids.Contains(r.Id)), ct);
            var refunds = read.ById;

            var now = clock.GetUtcNow();
            var seen = new HashSet<Guid>();
            var violations = new List<ItemViolation>();
            for (var index = 0; index < decisions.Count; index++)
            {
                var decision = decisions[index];
                try
                {
                    if (!seen.Add(decision.RefundId))
                        throw new RuleViolation(ErrorCode.InvalidRequest, $"Refund {decision.RefundId} appears more than once in the request.");
                    Decide(checker, decision, refunds.GetValueOrDefault(decision.RefundId), now);
                }
                catch (RuleViolation violation)
                {
                    violations.Add(new ItemViolation(index, violation.Code, violation.Message));
                }
            }
            if (violations.Count > 0) throw new BatchViolation(violations);
            await read.SaveAsync(db, ct);
            return decisions.Select(d => refunds[d.RefundId]).ToList();
        }, cancellationToken);
    }

    /// <summary>
    /// Approves or rejects each refund listed on its own: each decision is its own unit of work, so one
    /// refused (decided meanwhile by someone else, or made by this checker) leaves the others decided.
    /// Gives one outcome per decision, in the order asked. For reviewers deciding rows they selected (ADR-005).
    /// </summary>
    public async Task<IReadOnlyList<DecisionOutcome>> DecideEachAsync(Actor checker, IReadOnlyList<RefundDecision> decisions,
        CancellationToken cancellationToken = default)
    {
        checker.Require(Permission.ApproveRefunds, "approve or reject refunds");
        EnsureBatchSize(decisions.Count, "decisions");

        var outcomes = new List<DecisionOutcome>(decisions.Count);
        var seen = new HashSet<Guid>();
        for (var index = 0; index < decisions.Count; index++)
        {
            var decision = decisions[index];
            try
            {
                if (!seen.Add(decision.RefundId))
                    throw new RuleViolation(ErrorCode.InvalidRequest, $"Refund {decision.RefundId} appears more than once in the request.");
                var decided = await unitOfWork.RunAsync(async (db, ct) =>
                {
                    var read = await UntrackedRefundsWithPayments.ReadAsync(db, db.Refunds.Where(r => r.Id == decision.RefundId), ct);
                    var refund = read.ById.GetValueOrDefault(decision.RefundId);
                    Decide(checker, decision, refund, clock.GetUtcNow());
                    await read.SaveAsync(db, ct);
                    return refund!;
                }, cancellationToken);
                outcomes.Add(new DecisionOutcome(decision, decided, null));
            }
            catch (RuleViolation violation)
            {
                outcomes.Add(new DecisionOutcome(decision, null, new ItemViolation(index, violation.Code, violation.Message)));
            }
        }
        return outcomes;
    }

    private void Decide(Actor checker, RefundDecision decision, Refund? refund, DateTimeOffset now)
    {
        if (refund is null)
            throw new RuleViolation(ErrorCode.RefundNotFound, $"Refund {decision.RefundId} does not exist.");
        var note = CheckedText(decision.Note, InputLimits.Note, "note");
        var actions = makerChecker.ActionsOn(checker, refund);
        var action = decision.Status switch
        {
            RefundStatus.Approved => actions.Approve,
            RefundStatus.Rejected => actions.Reject,
            _ => throw new RuleViolation(ErrorCode.InvalidStatus,
                $"A decision is APPROVED (or CONFIRMED) or REJECTED, not {WireName.Of(decision.Status)}."),
        };
        if (action.WhyNot is { } refused) throw refused;
        if (decision.Status == RefundStatus.Approved) refund.RecordApproval(checker, now, note);
        else refund.Reject(checker, now, note);
    }

    /// <summary>The maker withdraws a refund that is still awaiting a decision; its amount is released.</summary>
    public Task<Refund> CancelAsync(Actor maker, Guid refundId, string? note, CancellationToken cancellationToken = default)
    {
        var checkedNote = CheckedText(note, InputLimits.Note, "note");
        return unitOfWork.RunAsync(async (db, ct) =>
        {
            var read = await UntrackedRefundsWithPayments.ReadAsync(db, db.Refunds.Where(r => r.Id == refundId), ct);
            var refund = read.ById.GetValueOrDefault(refundId)
                ?? throw new RuleViolation(ErrorCode.RefundNotFound, $"Refund {refundId} does not exist.");
            if (makerChecker.ActionsOn(maker, refund).Cancel.WhyNot is { } violation) throw violation;
            refund.Cancel(maker, clock.GetUtcNow(), checkedNote);
            await read.SaveAsync(db, ct);
            return refund;
        }, cancellationToken);
    }

    private Refund CreateOne(Actor maker, RefundRequest request, Dictionary<Guid, Payment> payments, ILookup<string, Payment> byReference,
        IReadOnlyCollection<string> activeReasons, ApprovalPolicy? policy, Dictionary<string, Refund> earlier, DateTimeOffset now, out bool isNew)
    {
        isNew = false;
        var idempotencyKey = CheckedText(request.IdempotencyKey, InputLimits.IdempotencyKey, "idempotency key");
        var fingerprint = Fingerprint(request);
        if (idempotencyKey is not null && earlier.TryGetValue(idempotencyKey, out var original))
        {
            return original.RequestFingerprint == fingerprint
                ? original
                : throw new RuleViolation(ErrorCode.IdempotencyKeyReused,
                    $"Idempotency key '{idempotencyKey}' was already used for a different refund ({original.Id}).");
        }

        var payment = PaymentOf(request, payments, byReference);
        if (payment.WhyMayNotRefund() is { } notRefundable) throw notRefundable;
        if (request.Currency is { } currency && !string.Equals(currency.Trim(), payment.CurrencyCode, StringComparison.OrdinalIgnoreCase))
            throw new RuleViolation(ErrorCode.CurrencyMismatch,
                $"The refund currency {currency} differs from the payment's currency {payment.CurrencyCode}.");
        if (request.Amount is not null && request.AmountMinor is not null)
            throw new RuleViolation(ErrorCode.InvalidRequest, "Give the amount in major units or in minor units, not both.");
        var amount = request.AmountMinor is { } minor ? Money.FromMinor(minor, payment.Currency)
            : request.Amount is { } major ? Money.FromMajor(major, payment.Currency)
            : payment.Refundable;
        var amountGiven = request.Amount is not null || request.AmountMinor is not null;
        if (request.Kind is { } kind && WhyNotOfKind(kind, amountGiven, amount, payment.Refundable) is { } wrongKind) throw wrongKind;
        var metadata = RefundMetadata.Checked(request.Metadata);
        if (string.IsNullOrWhiteSpace(request.ReasonCode))
            throw new RuleViolation(ErrorCode.InvalidReasonCode, "A reason code is required; see GET /payouts/refunds/reasons.");
        var reasonCode = request.ReasonCode.Trim().ToUpperInvariant();
        if (!activeReasons.Contains(reasonCode))
            throw new RuleViolation(ErrorCode.InvalidReasonCode,
                $"'{request.ReasonCode}' is not an active reason code; use one of {string.Join(", ", activeReasons)}.");
        var description = CheckedText(request.Description, InputLimits.Description, "description");
        var externalReference = CheckedText(request.ExternalReference, InputLimits.ExternalReference, "external reference");
        var beneficiary = BeneficiaryFor(payment, request.Beneficiary);
        if (request.InitialStatus is not (RefundStatus.Created or RefundStatus.Approved))
            throw new RuleViolation(ErrorCode.InvalidStatus, "A new refund's status is CREATED or APPROVED.");
        // What the amount needs under the policy in force now; later versions of the policy never change it.
        var requirement = policy?.RequirementFor(amount) ?? ApprovalRequirement.Default(null);
        if (request.InitialStatus == RefundStatus.Approved && makerChecker.WhyMayNotCreateApproved(maker, requirement) is { } violation)
            throw violation;

        var refund = new Refund(payment, amount, reasonCode, description, externalReference, beneficiary, maker, now, idempotencyKey, fingerprint,
            requirement, request.Kind, metadata);
        if (request.InitialStatus == RefundStatus.Approved) refund.RecordApproval(maker, now, null);
        isNew = true;
        return refund;
    }

    /// <summary>The payment a request names: by its id, or by its merchant reference (which must name exactly one payment).</summary>
    private static Payment PaymentOf(RefundRequest request, Dictionary<Guid, Payment> payments, ILookup<string, Payment> byReference)
    {
        if (CheckedText(request.PaymentReference, InputLimits.MerchantReference, "payment reference") is { } reference)
        {
            var matches = byReference[reference].ToList();
            return matches.Count switch
            {
                1 => matches[0],
                0 => throw new RuleViolation(ErrorCode.PaymentNotFound, $"No payment has the merchant reference '{reference}'."),
                _ => throw new RuleViolation(ErrorCode.PaymentConflict,
                    $"{matches.Count} payments have the merchant reference '{reference}'; refund by payment id instead."),
            };
        }
        return payments.TryGetValue(request.PaymentId, out var payment)
            ? payment
            : throw new RuleViolation(ErrorCode.PaymentNotFound, $"Payment {request.PaymentId} does not exist.");
    }

    /// <summary>Why the amount does not fit the kind of refund asked for, or null when it does.</summary>
    private static RuleViolation? WhyNotOfKind(RefundKind kind, bool amountGiven, Money amount, Money refundable) => kind switch
    {
        // More than is left is AMOUNT_EXCEEDS_REFUNDABLE whatever the kind: the payment says so when it reserves.
        _ when amount > refundable => null,
        RefundKind.Full when amount < refundable => new RuleViolation(ErrorCode.InvalidAmount,
            $"A full refund is everything still refundable ({refundable}); got {amount}. Leave the amount out, or ask for a partial refund."),
        RefundKind.Partial when !amountGiven => new RuleViolation(ErrorCode.InvalidAmount, "A partial refund needs an amount."),
        RefundKind.Partial when amount == refundable => new RuleViolation(ErrorCode.InvalidAmount,
            $"A partial refund must be less than the {refundable} still refundable; ask for a full refund instead."),
        _ => null,
    };

    private static Beneficiary BeneficiaryFor(Payment payment, BeneficiaryRequest? requested)
    {
        var iban = Trimmed(requested?.Iban);
        if (iban is not null && !Iban.IsValid(iban))
            throw new RuleViolation(ErrorCode.InvalidIban, $"Beneficiary IBAN '{iban}' is not a valid IBAN (ISO 13616 check failed).");
        return new Beneficiary(
            CheckedText(requested?.Name, InputLimits.AccountName, "beneficiary name") ?? payment.Payer.Name,
            iban is null ? payment.Payer.Iban : Iban.Normalize(iban),
            CheckedText(requested?.City, InputLimits.City, "beneficiary city") ?? payment.Payer.City ?? Beneficiary.DefaultCity);
    }

    private void EnsureBatchSize(int count, string what) => InputLimits.EnsureBatchSize(count, options.Value.MaxBatchSize, what);

    private static string? CheckedText(string? text, int maxLength, string what)
    {
        var value = Trimmed(text);
        if (value is not null && value.Length > maxLength)
            throw new RuleViolation(ErrorCode.InvalidRequest, $"The {what} is longer than {maxLength} characters.");
        return value;
    }

    private static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    // Everything that makes two requests "the same refund", in one canonical line.
    private static string Fingerprint(RefundRequest r)
    {
        var canonical = string.Join('\u001f',
            r.PaymentId, r.Amount is { } amount ? (amount / 1.000000000000000000000000000000m).ToString(System.Globalization.CultureInfo.InvariantCulture) : null, r.Currency?.Trim().ToUpperInvariant(),
            r.ReasonCode?.Trim().ToUpperInvariant(), Trimmed(r.Description), Trimmed(r.ExternalReference),
            Trimmed(r.Beneficiary?.Name), r.Beneficiary?.Iban is { } iban ? Iban.Normalize(iban) : null, Trimmed(r.Beneficiary?.City),
            WireName.Of(r.InitialStatus));
        // Added later: only requests that use them carry them, so earlier fingerprints stay as they were.
        if (r.PaymentReference is not null || r.AmountMinor is not null || r.Kind is not null || r.Metadata is not null)
        {
            canonical = string.Join('\u001f', canonical, Trimmed(r.PaymentReference), r.AmountMinor,
                r.Kind is { } kind ? WireName.Of(kind) : null, Trimmed(r.Metadata));
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }
}
