using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Refunds.Core.Payments;
using Refunds.Core.Persistence;

namespace Refunds.Core.Payouts.SimulatedBank;

/// <summary>
/// A bank inside the app, for demos and tests: it accepts instructions (keeping a ledger in the
/// database), and after a delay pays them from the payout account, or fails them for insufficient
/// funds or a closed account. It can also fail calls at random as if unreachable.
/// </summary>
public sealed class SimulatedBankRail(
    UnitOfWork unitOfWork,
    IDbContextFactory<RefundsDbContext> contexts,
    IOptions<SimulatedBankOptions> options,
    TimeProvider clock) : IPayoutRail
{
    public const string InsufficientFunds = "Insufficient funds in the business payout account";
    public const string AccountClosed = "Beneficiary account closed";

    public Task<PayoutReceipt> SubmitAsync(PayoutInstruction instruction, CancellationToken cancellationToken)
    {
        ThrowTransientErrorSometimes();
        return unitOfWork.RunAsync(async (db, ct) =>
        {
            var known = await db.SimulatedPayouts.SingleOrDefaultAsync(p => p.Reference == instruction.Reference, ct);
            if (known is not null)
            {
                // The bank's duplicate check: the same reference is never paid twice.
                known.ReceivedAgain();
                return new PayoutReceipt(known.BankReference);
            }
            var now = clock.GetUtcNow();
            var payout = new SimulatedPayout(instruction, now, now + options.Value.SettlementDelay);
            db.SimulatedPayouts.Add(payout);
            // Without a settlement delay the bank settles as it receives: one commit a payout, not two.
            if (now >= payout.SettleAt) await SettleAsync(db, payout, now, ct);
            return new PayoutReceipt(payout.BankReference);
        }, cancellationToken);
    }

    public async Task<PayoutOutcome> QueryAsync(string reference, CancellationToken cancellationToken)
    {
        ThrowTransientErrorSometimes();
        // Only a payout due to settle now is written; any other answer is a read, outside the writers' queue.
        await using (var reader = await contexts.CreateDbContextAsync(cancellationToken))
        {
            var seen = await reader.SimulatedPayouts.AsNoTracking().SingleOrDefaultAsync(p => p.Reference == reference, cancellationToken);
            if (seen is null) return PayoutOutcome.Unknown;
            if (seen.State != PayoutState.Pending || clock.GetUtcNow() < seen.SettleAt) return new PayoutOutcome(seen.State, seen.FailureReason);
        }
        return await unitOfWork.RunAsync(async (db, ct) =>
        {
            var payout = await db.SimulatedPayouts.SingleOrDefaultAsync(p => p.Reference == reference, ct);
            if (payout is null) return PayoutOutcome.Unknown;
            var now = clock.GetUtcNow();
            if (payout.State == PayoutState.Pending && now >= payout.SettleAt) await SettleAsync(db, payout, now, ct);
            return new PayoutOutcome(payout.State, payout.FailureReason);
        }, cancellationToken);
    }

    /// <summary>The ledger, newest first: what tests and operators check "paid exactly once" against.</summary>
    public async Task<IReadOnlyList<SimulatedPayout>> LedgerAsync(int limit, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.SimulatedPayouts.AsNoTracking().OrderByDescending(p => p.ReceivedAt).Take(limit).ToListAsync(cancellationToken);
    }

    private async Task SettleAsync(RefundsDbContext db, SimulatedPayout payout, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (options.Value.ClosedIbans.Any(iban => Iban.Normalize(iban) == payout.BeneficiaryIban))
        {
            payout.Settle(PayoutState.Failed, AccountClosed, now);
            return;
        }
        var account = await db.SimulatedPayoutAccounts.SingleOrDefaultAsync(a => a.Currency == payout.Currency, cancellationToken);
        if (account is null)
        {
            account = new SimulatedPayoutAccount(payout.Currency, OpeningBalanceMinor(payout.Currency));
            db.SimulatedPayoutAccounts.Add(account);
        }
        if (account.TryDebit(payout.AmountMinor)) payout.Settle(PayoutState.Paid, null, now);
        else payout.Settle(PayoutState.Failed, InsufficientFunds, now);
    }

    private long OpeningBalanceMinor(string currency) =>
        options.Value.OpeningBalances.TryGetValue(currency, out var balance) && balance > 0
            ? Money.FromMajor(balance, Currency.Of(currency)).MinorUnits
            : 0;

    private void ThrowTransientErrorSometimes()
    {
        if (options.Value.TransientErrorRate > 0 && Random.Shared.NextDouble() < options.Value.TransientErrorRate)
            throw new PayoutRailUnavailableException("The simulated bank did not answer (a simulated transient error).");
    }
}
