using System.ComponentModel.DataAnnotations;
using Refunds.Core.Payments;

namespace Refunds.Core.Payouts.BankFile;

/// <summary>Section <c>BankFile</c>: the payout files of the bank-file rail (<c>Payouts:Rail=BankFile</c>).</summary>
public sealed class BankFileOptions
{
    public const string Section = "BankFile";

    /// <summary><c>pain.001.001.09</c> (the default) or <c>pain.001.001.03</c>, whichever the bank takes.</summary>
    public string Format { get; set; } = Pain001Writer.MessageName(Pain001Version.V09);

    /// <summary>When files are made without anyone asking (<see cref="PayoutFileSchedule"/>); none when empty.</summary>
    public string? Schedule { get; set; }

    /// <summary>The business account refunds are paid from.</summary>
    public DebtorSettings Debtor { get; set; } = new();

    /// <summary>The largest status report accepted, in bytes.</summary>
    [Range(typeof(long), "1024", "2147483648")]
    public long MaxReportBytes { get; set; } = 50L * 1024 * 1024;

    public Pain001Version Version =>
        Format == Pain001Writer.MessageName(Pain001Version.V03) ? Pain001Version.V03 : Pain001Version.V09;

    public DebtorAccount DebtorAccount => new(Debtor.Name.Trim(), Iban.Normalize(Debtor.Iban), string.IsNullOrWhiteSpace(Debtor.Bic) ? null : Debtor.Bic.Trim());

    public sealed class DebtorSettings
    {
        public string Name { get; set; } = "";

        public string Iban { get; set; } = "";

        public string? Bic { get; set; }
    }
}
