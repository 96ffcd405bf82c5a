namespace Refunds.Core.Statements;

/// <summary>The kinds of statement file we read.</summary>
public enum StatementKind
{
    /// <summary>ISO 20022 camt.053: the bank's end-of-day account statement.</summary>
    Camt053,

    /// <summary>ISO 20022 camt.054: the bank's debit/credit notification.</summary>
    Camt054,

    /// <summary>A bank's CSV export in our column layout (or mapped onto it).</summary>
    Csv,
}

/// <summary>What a file turned out to be: its kind and, for ISO 20022, its message version (<c>camt.053.001.08</c>).</summary>
public sealed record StatementFormat(StatementKind Kind, string Name)
{
    public static StatementFormat Csv { get; } = new(StatementKind.Csv, "csv");

    public override string ToString() => Name;
}

/// <summary>How a statement file comes: ISO 20022 XML (it says which message it is) or CSV.</summary>
public enum StatementFileType
{
    Xml,
    Csv,
}
