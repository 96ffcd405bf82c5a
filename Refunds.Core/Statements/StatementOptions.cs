using System.ComponentModel.DataAnnotations;

namespace Refunds.Core.Statements;

/// <summary>Section <c>Statements</c>: importing bank statements and matching their lines to payments.</summary>
public sealed class StatementOptions
{
    public const string Section = "Statements";

    /// <summary>The largest statement file accepted (its own limit: the REST API's 1 MB stays for everything else).</summary>
    [Range(1024, 1L << 32)]
    public long MaxFileBytes { get; set; } = 50L * 1024 * 1024;

    /// <summary>How far (in major units) a line's amount may be from a payment's and still match it; 0 = exactly equal.</summary>
    [Range(typeof(decimal), "0", "1000")]
    public decimal AmountTolerance { get; set; }

    /// <summary>The third rule: match on the debtor's IBAN, the amount and a payment date within 3 days, when exactly one payment fits.</summary>
    public bool MatchByDebtor { get; set; }

    /// <summary>A bank's own CSV column names for ours (e.g. <c>"booking_date": "Buchungstag"</c>).</summary>
    public Dictionary<string, string> CsvColumns { get; set; } = [];
}
