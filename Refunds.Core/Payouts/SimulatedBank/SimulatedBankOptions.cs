using System.ComponentModel.DataAnnotations;

namespace Refunds.Core.Payouts.SimulatedBank;

/// <summary>Section <c>SimulatedBank</c>: the bank the product pays through when no real rail is configured.</summary>
public sealed class SimulatedBankOptions
{
    public const string Section = "SimulatedBank";

    /// <summary>How long after receiving an instruction the bank settles it.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan SettlementDelay { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// The business payout account's opening balance per currency, in major units; each payout
    /// debits it and a payout larger than what is left fails with insufficient funds.
    /// </summary>
    public Dictionary<string, decimal> OpeningBalances { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Beneficiary IBANs whose accounts are closed: payouts to them fail.</summary>
    public string[] ClosedIbans { get; set; } = [];

    /// <summary>Share of calls (0 to 1) that fail as if the bank could not be reached, to exercise retries.</summary>
    [Range(0.0, 1.0)]
    public double TransientErrorRate { get; set; }
}
