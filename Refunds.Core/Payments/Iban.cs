namespace Refunds.Core.Payments;

/// <summary>International Bank Account Number checks (ISO 13616).</summary>
public static class Iban
{
    /// <summary>Removes spaces and upper-cases, the form IBANs are stored and compared in.</summary>
    public static string Normalize(string iban) => new string(iban.Where(c => !char.IsWhiteSpace(c)).ToArray()).ToUpperInvariant();

    /// <summary>
    /// True when the IBAN has a country code, two check digits and a BBAN of letters and digits, and
    /// the mod-97 check over the rearranged number gives 1.
    /// </summary>
    public static bool IsValid(string? iban)
    {
        if (string.IsNullOrWhiteSpace(iban)) return false;
        var value = Normalize(iban);
        if (value.Length is < 15 or > 34) return false;
        if (!char.IsAsciiLetterUpper(value[0]) || !char.IsAsciiLetterUpper(value[1])) return false;
        if (!char.IsAsciiDigit(value[2]) || !char.IsAsciiDigit(value[3])) return false;
        if (!value.All(char.IsAsciiLetterOrDigit)) return false;

        // The first four characters move to the end; a valid IBAN then leaves remainder 1.
        return Mod97(value[4..] + value[..4]) == 1;
    }

    // Letters count as 10..35; the remainder is taken digit by digit so the number never overflows.
    private static int Mod97(string text)
    {
        var remainder = 0;
        foreach (var c in text)
        {
            var digits = char.IsAsciiDigit(c) ? c - '0' : c - 'A' + 10;
            remainder = digits < 10 ? (remainder * 10 + digits) % 97 : (remainder * 100 + digits) % 97;
        }
        return remainder;
    }

    /// <summary>Builds an IBAN from a country code and a national account number (BBAN) by computing its check digits.</summary>
    public static string Create(string countryCode, string bban)
    {
        var country = countryCode.ToUpperInvariant();
        var account = Normalize(bban);
        return $"{country}{98 - Mod97(account + country + "00"):00}{account}";
    }

    /// <summary>"****3456": only the last four characters, for logs; the rest never leaves the database.</summary>
    public static string Mask(string iban)
    {
        var value = Normalize(iban);
        return value.Length <= 4 ? new string('*', value.Length) : "****" + value[^4..];
    }
}
