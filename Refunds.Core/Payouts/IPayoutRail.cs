namespace Refunds.Core.Payouts;

/// <summary>
/// The bank's payout rail. Instructions are keyed by a reference the bank de-duplicates on (the
/// refund's id), so submitting the same instruction again never pays twice: that is what makes a
/// retry after a crash safe.
/// </summary>
public interface IPayoutRail
{
    /// <summary>
    /// Hands the instruction to the bank, or finds the one it already has under that reference.
    /// Throws <see cref="PayoutRailUnavailableException"/> when the bank could not be reached.
    /// </summary>
    Task<PayoutReceipt> SubmitAsync(PayoutInstruction instruction, CancellationToken cancellationToken);

    /// <summary>
    /// What became of an instruction: still pending, paid, failed, or unknown to the bank (never received).
    /// Throws <see cref="PayoutRailUnavailableException"/> when the bank could not be reached.
    /// </summary>
    Task<PayoutOutcome> QueryAsync(string reference, CancellationToken cancellationToken);
}

/// <summary>Pay <paramref name="AmountMinor"/> of <paramref name="Currency"/> to the beneficiary, once, under <paramref name="Reference"/>.</summary>
public sealed record PayoutInstruction(string Reference, long AmountMinor, string Currency, string BeneficiaryName, string BeneficiaryIban);

/// <summary>The bank has the instruction, under its own reference.</summary>
public sealed record PayoutReceipt(string BankReference);

public enum PayoutState
{
    Unknown,
    Pending,
    Paid,
    Failed,
}

public sealed record PayoutOutcome(PayoutState State, string? FailureReason = null)
{
    public static readonly PayoutOutcome Unknown = new(PayoutState.Unknown);
    public static readonly PayoutOutcome Pending = new(PayoutState.Pending);
    public static readonly PayoutOutcome Paid = new(PayoutState.Paid);
}

/// <summary>The bank could not be reached or answered with a passing error; the call may be retried.</summary>
public sealed class PayoutRailUnavailableException(string message) : Exception(message);
