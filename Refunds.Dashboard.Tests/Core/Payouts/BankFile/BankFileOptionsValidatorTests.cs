using Microsoft.Extensions.Options;
using Refunds.Core.Payouts;
using Refunds.Core.Payouts.BankFile;
using Refunds.Dashboard.Tests.Support;

namespace Refunds.Dashboard.Tests.Core.Payouts.BankFile;

public class BankFileOptionsValidatorTests
{
    private static ValidateOptionsResult Validate(PayoutRail rail, Action<BankFileOptions> change)
    {
        var options = new BankFileOptions();
        options.Debtor.Name = "Refunds Trading LLC";
        options.Debtor.Iban = BankFileRail.DebtorIban;
        change(options);
        return new BankFileOptionsValidator(Options.Create(new PayoutOptions { Rail = rail })).Validate(null, options);
    }

    [Fact]
    public void The_bank_file_rail_needs_a_valid_debtor_iban_and_name_and_the_simulated_bank_does_not()
    {
        var noIban = Validate(PayoutRail.BankFile, o => o.Debtor.Iban = "");
        var noName = Validate(PayoutRail.BankFile, o => o.Debtor.Name = " ");

        Assert.Contains("BankFile:Debtor:Iban", noIban.FailureMessage);
        Assert.Contains("BankFile:Debtor:Name", noName.FailureMessage);
        Assert.True(Validate(PayoutRail.SimulatedBank, o => o.Debtor.Iban = "").Succeeded);
        Assert.True(Validate(PayoutRail.BankFile, _ => { }).Succeeded);
    }

    [Theory]
    [InlineData("pain.001.001.02", "BankFile:Format")]
    [InlineData("", "BankFile:Format")]
    public void Only_the_two_pain_001_versions_are_written(string format, string naming) =>
        Assert.Contains(naming, Validate(PayoutRail.BankFile, o => o.Format = format).FailureMessage);

    [Fact]
    public void A_schedule_or_bic_it_cannot_read_is_refused_naming_the_setting()
    {
        Assert.Contains("BankFile:Schedule", Validate(PayoutRail.BankFile, o => o.Schedule = "sometimes").FailureMessage);
        Assert.Contains("BankFile:Debtor:Bic", Validate(PayoutRail.BankFile, o => o.Debtor.Bic = "NOT A BIC").FailureMessage);
        Assert.True(Validate(PayoutRail.BankFile, o => o.Schedule = "daily 16:00 Europe/London").Succeeded);
    }
}
