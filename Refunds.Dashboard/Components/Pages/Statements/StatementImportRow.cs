using Refunds.Core.Statements;

namespace Refunds.Dashboard.Components.Pages.Statements;

/// <summary>
/// An import as the list of imports shows it. A record, so a reload that reads an import unchanged keeps
/// its row (MudDataGrid keys rows by their item; see ADR-014).
/// </summary>
public sealed record StatementImportRow(Guid Id, DateTimeOffset ImportedAt, string Format, string? AccountIban, string StatementReference,
    string ImportedByName, int Lines, int Matched, int AlreadyReconciled, int Ambiguous, int Unmatched, int Ignored)
{
    public static StatementImportRow Of(StatementImport import) => new(import.Id, import.ImportedAt, import.Format, import.AccountIban,
        import.StatementReference, import.ImportedByName, import.Lines, import.Matched, import.AlreadyReconciled, import.Ambiguous,
        import.Unmatched, import.Ignored);
}
