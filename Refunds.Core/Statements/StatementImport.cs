using Refunds.Core.Access;

namespace Refunds.Core.Statements;

/// <summary>
/// One bank statement file imported: what it was, who imported it, and how its lines came out. A file
/// is imported once: the same account and statement id (for CSV, the same file content) again gives
/// back this import.
/// </summary>
public sealed class StatementImport
{
    private StatementImport()
    {
        Format = null!;
        StatementReference = null!;
        DeduplicationKey = null!;
        FileSha256 = null!;
        ImportedBy = null!;
        ImportedByName = null!;
    }

    internal StatementImport(StatementFormat format, string? accountIban, string statementReference, string deduplicationKey,
        string fileSha256, Actor importedBy, DateTimeOffset at)
    {
        Id = Guid.CreateVersion7(at);
        Format = format.Name;
        AccountIban = accountIban;
        StatementReference = statementReference;
        DeduplicationKey = deduplicationKey;
        FileSha256 = fileSha256;
        ImportedBy = importedBy.Id;
        ImportedByName = importedBy.DisplayName;
        ImportedAt = at;
    }

    public Guid Id { get; private set; }

    /// <summary>The message version (<c>camt.053.001.08</c>) or <c>csv</c>.</summary>
    public string Format { get; private set; }

    public string? AccountIban { get; private set; }

    /// <summary>The bank's statement (or notification) id; for CSV, one made from the file's hash.</summary>
    public string StatementReference { get; private set; }

    /// <summary>What makes two files the same statement: account and statement id, or for CSV the file's hash. Unique.</summary>
    public string DeduplicationKey { get; private set; }

    public string FileSha256 { get; private set; }

    public string ImportedBy { get; private set; }

    public string ImportedByName { get; private set; }

    public DateTimeOffset ImportedAt { get; private set; }

    public int Lines { get; private set; }

    public int Matched { get; private set; }

    public int AlreadyReconciled { get; private set; }

    public int Ambiguous { get; private set; }

    public int Unmatched { get; private set; }

    public int Ignored { get; private set; }

    /// <summary>Optimistic concurrency token: two manual matches on one import's counts cannot both commit unseen.</summary>
    public long Version { get; private set; }

    internal void Count(LineResult result, int by = 1)
    {
        switch (result)
        {
            case LineResult.Matched: Matched += by; break;
            case LineResult.AlreadyReconciled: AlreadyReconciled += by; break;
            case LineResult.Ambiguous: Ambiguous += by; break;
            case LineResult.Unmatched: Unmatched += by; break;
            case LineResult.Ignored: Ignored += by; break;
        }
        Lines = Matched + AlreadyReconciled + Ambiguous + Unmatched + Ignored;
        Version++;
    }
}
