using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Refunds.Core.Payments;

namespace Refunds.Core.Payouts.BankFile;

/// <summary>
/// Checks the bank-file settings at start: the format and schedule always, the debtor account when
/// the bank-file rail is chosen (the app must not start unable to write a file).
/// </summary>
public sealed class BankFileOptionsValidator(IOptions<PayoutOptions> payouts) : IValidateOptions<BankFileOptions>
{
    public ValidateOptionsResult Validate(string? name, BankFileOptions options)
    {
        var problems = new List<string>();
        if (options.Format is not ("pain.001.001.09" or "pain.001.001.03"))
            problems.Add($"BankFile:Format is \"{options.Format}\": it must be pain.001.001.09 or pain.001.001.03.");
        if (!string.IsNullOrWhiteSpace(options.Schedule) && !PayoutFileSchedule.TryParse(options.Schedule, out _, out var why))
            problems.Add($"BankFile:Schedule is \"{options.Schedule}\": {why}");
        if (payouts.Value.Rail == PayoutRail.BankFile)
        {
            if (!Iban.IsValid(options.Debtor.Iban))
                problems.Add("BankFile:Debtor:Iban must be the valid IBAN of the account refunds are paid from (Payouts:Rail is BankFile).");
            if (string.IsNullOrWhiteSpace(options.Debtor.Name))
                problems.Add("BankFile:Debtor:Name must name the account holder refunds are paid by (Payouts:Rail is BankFile).");
            if (options.Debtor.Bic is { Length: > 0 } bic && !Regex.IsMatch(bic.Trim(), "^[A-Z0-9]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$"))
                problems.Add($"BankFile:Debtor:Bic is \"{bic}\": a BIC has 8 or 11 letters and digits.");
        }
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
