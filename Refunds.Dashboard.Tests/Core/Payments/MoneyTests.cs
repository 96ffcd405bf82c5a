using Refunds.Core;
using Refunds.Core.Payments;

namespace Refunds.Dashboard.Tests.Core.Payments;

public class MoneyTests
{
    [Theory]
    [InlineData("AED", "100.50", 10050)]
    [InlineData("SAR", "0.01", 1)]
    [InlineData("KWD", "12.345", 12345)]
    [InlineData("BHD", "1", 1000)]
    [InlineData("USD", "100.500", 10050)]
    public void FromMajor_counts_minor_units_of_the_currency(string currency, string amount, long minorUnits)
    {
        var money = Money.FromMajor(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), Currency.Of(currency));

        Assert.Equal(minorUnits, money.MinorUnits);
    }

    [Theory]
    [InlineData("KWD", 250, "0.250")]
    [InlineData("AED", 1050, "10.50")]
    [InlineData("JPY", 7, "7")]
    public void FromMinor_keeps_minor_units_and_reads_as_the_currencys_major_amount(string currency, long minorUnits, string major)
    {
        var money = Money.FromMinor(minorUnits, Currency.Of(currency));

        Assert.Equal((minorUnits, decimal.Parse(major, System.Globalization.CultureInfo.InvariantCulture)), (money.MinorUnits, money.Major));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void FromMinor_refuses_amounts_that_are_not_positive(long minorUnits)
    {
        var violation = Assert.Throws<RuleViolation>(() => Money.FromMinor(minorUnits, Currency.Of("AED")));

        Assert.Equal(ErrorCode.InvalidAmount, violation.Code);
    }

    [Theory]
    [InlineData("AED", "10.005")]
    [InlineData("SAR", "0.001")]
    [InlineData("KWD", "1.0001")]
    public void FromMajor_refuses_more_decimals_than_the_currency_allows(string currency, string amount)
    {
        var violation = Assert.Throws<RuleViolation>(() => Money.FromMajor(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), Currency.Of(currency)));

        Assert.Equal(ErrorCode.InvalidAmount, violation.Code);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    public void FromMajor_refuses_amounts_that_are_not_positive(string amount)
    {
        var violation = Assert.Throws<RuleViolation>(() => Money.FromMajor(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), Currency.Of("AED")));

        Assert.Equal(ErrorCode.InvalidAmount, violation.Code);
    }

    [Fact]
    public void Money_of_different_currencies_cannot_be_added()
    {
        Assert.Throws<InvalidOperationException>(() => Money.FromMajor(1, Currency.Of("AED")) + Money.FromMajor(1, Currency.Of("SAR")));
    }

    [Fact]
    public void ToString_shows_the_currency_s_own_decimals()
    {
        Assert.Equal("1,250.500 KWD", Money.FromMajor(1250.5m, Currency.Of("KWD")).ToString());
    }

    [Fact]
    public void Unknown_currencies_are_refused()
    {
        Assert.Equal(ErrorCode.InvalidCurrency, Assert.Throws<RuleViolation>(() => Currency.Of("XYZ")).Code);
    }
}
