namespace Refunds.Dashboard.Exports;

/// <summary>One CSV field, quoted as RFC 4180 asks and defused against formula injection.</summary>
public static class CsvField
{
    // A spreadsheet runs a cell starting with these as a formula; beneficiary names and notes are typed by people.
    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];

    public static string Of(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        if (FormulaStarts.Contains(value[0])) value = "'" + value;
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{value.Replace("\"", "\"\"")}\"" : value;
    }
}
