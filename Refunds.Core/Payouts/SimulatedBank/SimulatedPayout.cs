namespace Refunds.Core.Payouts.SimulatedBank;

/// <summary>
/// One line of the simulated bank's ledger: an instruction it received, keyed by the payer's
/// reference. Like a real bank's duplicate check, a reference is paid at most once however often
/// it arrives; <see cref="ReceivedCount"/> shows how often it did.
/// </summary>
public sealed class SimulatedPayout
{
    private SimulatedPayout()
    {
        Reference = null!;
        BankReference = null!;
        Currency = null!;
        BeneficiaryName = null!;
        BeneficiaryIban = null!;
    }

    internal SimulatedPayout(PayoutInstruction instruction, DateTimeOffset receivedAt, DateTimeOffset settleAt)
    {
        Reference = instruction.Reference;
        BankReference = $"SIMB-{Guid.NewGuid():N}"[..21].ToUpperInvariant();
        AmountMinor = instruction.AmountMinor;
        Currency = instruction.Currency;
        BeneficiaryName = instruction.BeneficiaryName;
        BeneficiaryIban = instruction.BeneficiaryIban;
        ReceivedCount = 1;
        ReceivedAt = receivedAt;
        SettleAt = settleAt;
        State = PayoutState.Pending;
    }

    public string Reference { get; private set; }

    public string BankReference { get; private set; }

    public long AmountMinor { get; private set; }

    public string Currency { get; private set; }

    public string BeneficiaryName { get; private set; }

    public string BeneficiaryIban { get; private set; }

    public int ReceivedCount { get; private set; }

    public DateTimeOffset ReceivedAt { get; private set; }

    public DateTimeOffset SettleAt { get; private set; }

    public PayoutState State { get; private set; }

    public string? FailureReason { get; private set; }

    public DateTimeOffset? SettledAt { get; private set; }

    public long Version { get; private set; }

    internal void ReceivedAgain()
    {
        ReceivedCount++;
        Version++;
    }

    internal void Settle(PayoutState state, string? failureReason, DateTimeOffset at)
    {
        State = state;
        FailureReason = failureReason;
        SettledAt = at;
        Version++;
    }
}
