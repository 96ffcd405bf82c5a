namespace Refunds.Core.Payouts.SimulatedBank;

/// <summary>The simulated business payout account in one currency: what is left to pay out from.</summary>
public sealed class SimulatedPayoutAccount
{
    private SimulatedPayoutAccount()
    {
        Currency = null!;
    }

    internal SimulatedPayoutAccount(string currency, long balanceMinor)
    {
        Currency = currency;
        BalanceMinor = balanceMinor;
    }

    public string Currency { get; private set; }

    public long BalanceMinor { get; private set; }

    public long Version { get; private set; }

    internal bool TryDebit(long amountMinor)
    {
        if (amountMinor > BalanceMinor) return false;
        BalanceMinor -= amountMinor;
        Version++;
        return true;
    }
}
