using System.Globalization;

namespace Refunds.Core.Payments;

/// <summary>
/// An amount of one currency, held as a whole number of minor units (fils, halalas, cents) so that
/// no arithmetic on money ever rounds.
/// </summary>
public readonly record struct Money(long MinorUnits, Currency Currency) : IComparable<Money>
{
    public static Money Zero(Currency currency) => new(0, currency);

    /// <summary>
    /// Reads a major-unit amount (100.5 AED). Fails with INVALID_AMOUNT when it is not positive or has
    /// more decimals than the currency allows: 10.005 AED is refused, never rounded.
    /// </summary>
    public static Money FromMajor(decimal amount, Currency currency)
    {
        if (amount <= 0)
            throw new RuleViolation(ErrorCode.InvalidAmount, $"The amount must be greater than zero; got {amount.ToString(CultureInfo.InvariantCulture)}.");
        var scaled = amount * Pow10(currency.MinorUnits);
        if (scaled != decimal.Truncate(scaled))
            throw new RuleViolation(ErrorCode.InvalidAmount,
                $"{currency.Code} amounts allow at most {currency.MinorUnits} decimal places; got {amount.ToString(CultureInfo.InvariantCulture)}.");
        if (scaled > long.MaxValue)
            throw new RuleViolation(ErrorCode.InvalidAmount, "The amount is too large.");
        return new Money((long)scaled, currency);
    }

    /// <summary>Reads an amount already in minor units (250 fils); fails with INVALID_AMOUNT when it is not positive.</summary>
    public static Money FromMinor(long minorUnits, Currency currency) =>
        minorUnits > 0
            ? new Money(minorUnits, currency)
            : throw new RuleViolation(ErrorCode.InvalidAmount, $"The amount must be greater than zero; got {minorUnits} minor units.");

    public decimal Major => MinorUnits / Pow10(Currency.MinorUnits);

    public static Money operator +(Money a, Money b) => new(checked(a.MinorUnits + b.MinorUnits), SameCurrency(a, b));

    public static Money operator -(Money a, Money b) => new(checked(a.MinorUnits - b.MinorUnits), SameCurrency(a, b));

    public static bool operator <(Money a, Money b) => a.CompareTo(b) < 0;

    public static bool operator >(Money a, Money b) => a.CompareTo(b) > 0;

    public static bool operator <=(Money a, Money b) => a.CompareTo(b) <= 0;

    public static bool operator >=(Money a, Money b) => a.CompareTo(b) >= 0;

    public int CompareTo(Money other)
    {
        SameCurrency(this, other);
        return MinorUnits.CompareTo(other.MinorUnits);
    }

    /// <summary>"1,250.500 KWD": always the currency's own number of decimals.</summary>
    public override string ToString() =>
        $"{Major.ToString("N" + Currency.MinorUnits, CultureInfo.InvariantCulture)} {Currency.Code}";

    private static Currency SameCurrency(Money a, Money b) =>
        a.Currency == b.Currency
            ? a.Currency
            : throw new InvalidOperationException($"Cannot combine {a.Currency} with {b.Currency}.");

    private static decimal Pow10(int digits) => digits switch { 0 => 1m, 1 => 10m, 2 => 100m, 3 => 1000m, _ => (decimal)Math.Pow(10, digits) };
}
