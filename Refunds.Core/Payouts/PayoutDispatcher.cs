using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Refunds.Core.Payments;
using Refunds.Core.Persistence;
using Refunds.Core.Refunds;

namespace Refunds.Core.Payouts;

/// <summary>
/// Moves approved refunds to the bank and records what the bank says. The database is the queue:
/// each refund is leased by one instance at a time, talked about with the bank outside any
/// transaction, and its new status recorded only while the lease is still held. Because the bank
/// de-duplicates on the refund's id, a crash at any point leads, on the next pass, to the same
/// instruction being found or sent again, never to a second payment.
/// </summary>
public sealed class PayoutDispatcher(
    IDbContextFactory<RefundsDbContext> contexts,
    UnitOfWork unitOfWork,
    IPayoutRail rail,
    IOptions<PayoutOptions> options,
    TimeProvider clock,
    ILogger<PayoutDispatcher> logger)
{
    // A pass takes a few rounds of this instance's work, not the whole queue, so that every instance
    // running a dispatcher gets a share; its commits cost the same either way (one lease, one record).
    private int PassSize => options.Value.Concurrency * 4;

    /// <summary>Names this instance on the leases it takes.</summary>
    public string Owner { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    /// <summary>When the dispatcher last finished a pass (for the readiness check).</summary>
    public DateTimeOffset? LastPassAt { get; private set; }

    /// <summary>Works every refund that is due now, once; returns how many it looked at.</summary>
    public async Task<int> DispatchDueAsync(CancellationToken cancellationToken = default)
    {
        // On the bank-file rail refunds reach the bank in payout files; nothing is sent one by one.
        if (options.Value.Rail == PayoutRail.BankFile) return 0;
        var now = clock.GetUtcNow();
        List<Guid> due;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            RefundsTelemetry.RecordQueueDepth(await db.Refunds.CountAsync(
                r => r.Status == RefundStatus.Approved || r.Status == RefundStatus.PendingWithBank, cancellationToken));
            // One query per status, each the first few of its (Status, NextPayoutAttemptAt) index range,
            // merged here: over both statuses at once the database sorted every approved refund of a
            // mass payout on every pass.
            var candidates = new List<(Guid Id, DateTimeOffset? DueAt)>();
            foreach (var status in (RefundStatus[])[RefundStatus.Approved, RefundStatus.PendingWithBank])
            {
                var first = await db.Refunds.AsNoTracking()
                    .Where(r => r.Status == status
                        && r.NextPayoutAttemptAt <= now
                        && (r.PayoutLease == null || r.PayoutLease.Until <= now))
                    .OrderBy(r => r.NextPayoutAttemptAt)
                    .Select(r => new { r.Id, r.NextPayoutAttemptAt })
                    .Take(PassSize)
                    .ToListAsync(cancellationToken);
                candidates.AddRange(first.Select(r => (r.Id, r.NextPayoutAttemptAt)));
            }
            due = candidates.OrderBy(r => r.DueAt).Take(PassSize).Select(r => r.Id).ToList();
        }
        if (due.Count > 0)
        {
            var (leased, leasedAt) = await LeaseAsync(due, cancellationToken);
            var outcomes = await TalkToTheBankAsync(leased, leasedAt, cancellationToken);
            await RecordAsync(outcomes, cancellationToken);
        }
        LastPassAt = clock.GetUtcNow();
        return due.Count;
    }

    // One transaction leases the whole pass: commits, not bank calls, are what a payout costs the database.
    private Task<(List<Snapshot> Leased, DateTimeOffset At)> LeaseAsync(List<Guid> due, CancellationToken cancellationToken) =>
        unitOfWork.RunAsync(async (db, ct) =>
        {
            var refunds = await db.Refunds.Where(r => due.Contains(r.Id)).ToListAsync(ct);
            var now = clock.GetUtcNow();
            var until = now + options.Value.LeaseDuration;
            return (refunds.Where(r => r.TryLeaseForPayout(Owner, now, until)).Select(Snapshot.Of).ToList(), now);
        }, cancellationToken);

    private async Task<List<Outcome>> TalkToTheBankAsync(List<Snapshot> leased, DateTimeOffset leasedAt, CancellationToken cancellationToken)
    {
        // A refund whose turn comes after half its lease is gone is left to the next pass (which leases it
        // again): its result must be recorded while the lease still holds, or another instance may take it.
        var startBy = leasedAt + options.Value.LeaseDuration / 2;
        var outcomes = new List<Outcome>(leased.Count);
        await Parallel.ForEachAsync(leased,
            new ParallelOptions { MaxDegreeOfParallelism = options.Value.Concurrency, CancellationToken = cancellationToken },
            async (refund, ct) =>
            {
                if (clock.GetUtcNow() > startBy) return;
                try
                {
                    var record = refund.Status == RefundStatus.Approved ? await SubmitAsync(refund, ct) : await FollowUpAsync(refund, ct);
                    lock (outcomes) outcomes.Add(new Outcome(refund.Id, record));
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Left for a later pass: the lease expires and the refund is due again.
                    logger.LogError(ex, "Payout of refund {RefundId} failed unexpectedly; it will be retried", refund.Id);
                }
            });
        return outcomes;
    }

    // The pass's results in one transaction; should that fail, each in its own, so one refund cannot hold back the rest.
    private async Task RecordAsync(List<Outcome> outcomes, CancellationToken cancellationToken)
    {
        if (outcomes.Count == 0) return;
        try
        {
            await RecordTogetherAsync(outcomes, cancellationToken);
            return;
        }
        catch (Exception ex) when (ex is not OperationCanceledException && outcomes.Count > 1)
        {
            logger.LogWarning(ex, "Recording {Count} payout results together failed; recording them one at a time", outcomes.Count);
        }
        foreach (var outcome in outcomes)
        {
            try
            {
                await RecordTogetherAsync([outcome], cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Payout of refund {RefundId} failed unexpectedly; it will be retried", outcome.RefundId);
            }
        }
    }

    private Task RecordTogetherAsync(List<Outcome> outcomes, CancellationToken cancellationToken) =>
        unitOfWork.RunAsync(async (db, ct) =>
        {
            var ids = outcomes.Select(o => o.RefundId).ToList();
            var refunds = await db.Refunds.Include(r => r.Payment).Where(r => ids.Contains(r.Id)).ToDictionaryAsync(r => r.Id, ct);
            var now = clock.GetUtcNow();
            foreach (var outcome in outcomes)
            {
                var refund = refunds[outcome.RefundId];
                // Another instance took over after our lease ran out: it records instead of us.
                if (!refund.IsLeasedBy(Owner, now)) continue;
                outcome.Record(refund, now);
                if (RefundStatusTransitions.IsFinal(refund.Status) && refund.ActionedAt is { } approvedAt)
                    RefundsTelemetry.RecordPayoutLatency(now - approvedAt);
            }
            return outcomes.Count;
        }, cancellationToken);

    private async Task<Action<Refund, DateTimeOffset>> SubmitAsync(Snapshot refund, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        try
        {
            logger.LogInformation("Submitting refund {RefundId} ({AmountMinor} {Currency} minor units) to the bank for {BeneficiaryIban}",
                refund.Id, refund.Instruction.AmountMinor, refund.Instruction.Currency, Iban.Mask(refund.Instruction.BeneficiaryIban));
            var receipt = await rail.SubmitAsync(refund.Instruction, cancellationToken);
            return (r, now) => r.MarkSentToBank(receipt.BankReference, now, now + settings.PollInterval);
        }
        catch (PayoutRailUnavailableException ex)
        {
            var attempts = refund.PayoutAttempts + 1;
            if (attempts < settings.MaxSubmissionAttempts)
            {
                var wait = settings.RetryBackoff * Math.Pow(2, attempts - 1);
                logger.LogWarning("Bank unreachable for refund {RefundId} (attempt {Attempt}); retrying in {Wait}", refund.Id, attempts, wait);
                return (r, now) => r.RecordFailedSubmission(now + wait);
            }
            // Out of attempts. Fail the refund only if the bank surely never got it: a lost answer
            // may hide an instruction the bank took.
            return await WhatTheBankKnowsAsync(refund, cancellationToken) switch
            {
                { State: PayoutState.Unknown } => (r, now) => r.MarkFailed($"The bank could not be reached after {attempts} attempts: {ex.Message}", now),
                null => (r, now) => r.RecordFailedSubmission(now + settings.RetryBackoff * Math.Pow(2, attempts - 1)),
                _ => await SubmitAgainAsync(refund, cancellationToken),
            };
        }
    }

    // The bank has the instruction after all: fetch its reference (a duplicate submission is not paid again).
    private async Task<Action<Refund, DateTimeOffset>> SubmitAgainAsync(Snapshot refund, CancellationToken cancellationToken)
    {
        try
        {
            var receipt = await rail.SubmitAsync(refund.Instruction, cancellationToken);
            return (r, now) => r.MarkSentToBank(receipt.BankReference, now, now);
        }
        catch (PayoutRailUnavailableException)
        {
            return (r, now) => r.RecordFailedSubmission(now + options.Value.RetryBackoff);
        }
    }

    private async Task<Action<Refund, DateTimeOffset>> FollowUpAsync(Snapshot refund, CancellationToken cancellationToken)
    {
        var poll = options.Value.PollInterval;
        var outcome = await WhatTheBankKnowsAsync(refund, cancellationToken);
        switch (outcome?.State)
        {
            case PayoutState.Paid:
                return (r, now) => r.MarkAcceptedByBank(now);
            case PayoutState.Failed:
                return (r, now) => r.MarkFailed(outcome.FailureReason ?? "Rejected by the bank", now);
            case PayoutState.Unknown:
                // We recorded it as sent but the bank has no trace: send it again, under the same reference.
                logger.LogWarning("The bank has no instruction for refund {RefundId}; sending it again", refund.Id);
                try
                {
                    await rail.SubmitAsync(refund.Instruction, cancellationToken);
                }
                catch (PayoutRailUnavailableException)
                {
                    // Asked again on the next poll.
                }
                return (r, now) => r.AwaitBank(now + poll);
            default:
                // Pending, or the bank could not be asked: a pending refund is never failed for that.
                return (r, now) => r.AwaitBank(now + poll);
        }
    }

    private async Task<PayoutOutcome?> WhatTheBankKnowsAsync(Snapshot refund, CancellationToken cancellationToken)
    {
        try
        {
            return await rail.QueryAsync(refund.Instruction.Reference, cancellationToken);
        }
        catch (PayoutRailUnavailableException)
        {
            return null;
        }
    }

    /// <summary>What the bank said about one refund, to be recorded under its lease.</summary>
    private sealed record Outcome(Guid RefundId, Action<Refund, DateTimeOffset> Record);

    /// <summary>What the bank conversation needs, read under the lease.</summary>
    private sealed record Snapshot(Guid Id, RefundStatus Status, int PayoutAttempts, PayoutInstruction Instruction)
    {
        public static Snapshot Of(Refund refund) => new(refund.Id, refund.Status, refund.PayoutAttempts,
            new PayoutInstruction(refund.Id.ToString(), refund.AmountMinor, refund.CurrencyCode, refund.Beneficiary.Name, refund.Beneficiary.Iban));
    }
}
