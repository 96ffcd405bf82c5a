using System.Collections.Frozen;

namespace Refunds.Core.Payments;

/// <summary>An ISO 4217 currency and the number of minor units it allows (2 for AED, 3 for KWD).</summary>
public sealed record Currency
{
    private static readonly FrozenDictionary<string, Currency> Known = new[]
    {
        new Currency("AED", 2), new Currency("SAR", 2), new Currency("QAR", 2), new Currency("EGP", 2),
        new Currency("USD", 2), new Currency("EUR", 2), new Currency("GBP", 2),
        new Currency("KWD", 3), new Currency("BHD", 3), new Currency("OMR", 3), new Currency("JOD", 3),
        new Currency("JPY", 0),
    }.ToFrozenDictionary(c => c.Code, StringComparer.Ordinal);

    private Currency(string code, int minorUnits)
    {
        Code = code;
        MinorUnits = minorUnits;
    }

    public string Code { get; }

    /// <summary>Digits after the decimal point: 2 means amounts are counted in hundredths.</summary>
    public int MinorUnits { get; }

    public static IEnumerable<Currency> All => Known.Values.OrderBy(c => c.Code, StringComparer.Ordinal);

    public static bool TryFind(string? code, out Currency currency)
    {
        currency = null!;
        return code is not null && Known.TryGetValue(code.Trim().ToUpperInvariant(), out currency!);
    }

    public static Currency Of(string code) =>
        TryFind(code, out var currency)
            ? currency
            : throw new RuleViolation(ErrorCode.InvalidCurrency, $"Currency '{code}' is not supported.");

    public override string ToString() => Code;
}
