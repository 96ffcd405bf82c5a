using Refunds.Core.Payments;

namespace Refunds.Dashboard.Tests.Core.Payments;

public class IbanTests
{
    [Theory]
    [InlineData("AE070331234567890123456")]
    [InlineData("ae07 0331 2345 6789 0123 456")]
    [InlineData("GB82WEST12345698765432")]
    [InlineData("SA0380000000608010167519")]
    [InlineData("KW81CBKU0000000000001234560101")]
    public void Valid_ibans_pass_the_mod_97_check(string iban) => Assert.True(Iban.IsValid(iban));

    [Theory]
    [InlineData("AE123456789")] // the seed guide's placeholder: too short
    [InlineData("AE070331234567890123457")] // one digit changed
    [InlineData("GB82WEST1234569876543!")]
    [InlineData("0007WEST12345698765432")]
    [InlineData("")]
    [InlineData(null)]
    public void Invalid_ibans_fail_the_check(string? iban) => Assert.False(Iban.IsValid(iban));

    [Theory]
    [InlineData("AE", "0331234567890123456")]
    [InlineData("KW", "CBKU0000000000001234560101")]
    public void Create_computes_check_digits_that_validate(string country, string bban) =>
        Assert.True(Iban.IsValid(Iban.Create(country, bban)));
}
