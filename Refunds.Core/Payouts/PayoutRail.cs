namespace Refunds.Core.Payouts;

/// <summary>How approved refunds reach the bank (setting <c>Payouts:Rail</c>).</summary>
public enum PayoutRail
{
    /// <summary>One by one, by the payout dispatcher, through the bank's payout API (the simulated bank).</summary>
    SimulatedBank,

    /// <summary>In ISO 20022 pain.001 files the business uploads to its bank; the bank's status reports come back the same way.</summary>
    BankFile,
}
