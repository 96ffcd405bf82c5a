using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Update;

namespace Refunds.Core.Persistence;

/// <summary>
/// EF Core's database service on SQLite, able to build a save's SQL commands before running them. EF Core
/// builds a save's commands from the tracked entries alone; only running them needs the connection. A unit
/// of work builds them while it reads, off the writer, so the SQLite writer only runs them (ADR-019).
/// </summary>
internal sealed class PreparedSaveDatabase(DatabaseDependencies dependencies, RelationalDatabaseDependencies relationalDependencies)
    : RelationalDatabase(dependencies, relationalDependencies)
{
    private bool _preparing;
    private List<ModificationCommandBatch>? _batches;
    private HashSet<IUpdateEntry>? _entries;

    /// <summary>Runs <paramref name="save"/> so that it builds the next save's commands and keeps them instead of running them.</summary>
    public async Task PrepareAsync(Func<Task> save)
    {
        _preparing = true;
        try
        {
            await save();
        }
        finally
        {
            _preparing = false;
        }
    }

    public override int SaveChanges(IList<IUpdateEntry> entries)
    {
        if (_preparing) return Prepare(entries);
        return TakePrepared(entries) is { } batches
            ? RelationalDependencies.BatchExecutor.Execute(batches, RelationalDependencies.Connection)
            : base.SaveChanges(entries);
    }

    public override Task<int> SaveChangesAsync(IList<IUpdateEntry> entries, CancellationToken cancellationToken = default)
    {
        if (_preparing) return Task.FromResult(Prepare(entries));
        return TakePrepared(entries) is { } batches
            ? RelationalDependencies.BatchExecutor.ExecuteAsync(batches, RelationalDependencies.Connection, cancellationToken)
            : base.SaveChangesAsync(entries, cancellationToken);
    }

    private int Prepare(IList<IUpdateEntry> entries)
    {
        // A key the database generates (an autoincrement id) that another entry refers to is known only once
        // its INSERT has run, and EF Core builds the dependent's command after that: such a save is built later, in the writer.
        if (entries.Any(ReferencesAKeyNotYetGenerated)) return 0;
        _batches = RelationalDependencies.BatchPreparer.BatchCommands(entries, Dependencies.UpdateAdapterFactory.Create()).ToList();
        _entries = [.. entries];
        return 0;
    }

    // The commands built for exactly these entries, once; any other save is built as usual.
    private List<ModificationCommandBatch>? TakePrepared(IList<IUpdateEntry> entries)
    {
        var (batches, prepared) = (_batches, _entries);
        (_batches, _entries) = (null, null);
        return batches is not null && prepared!.Count == entries.Count && prepared.SetEquals(entries) ? batches : null;
    }

    private static bool ReferencesAKeyNotYetGenerated(IUpdateEntry entry) =>
        entry.EntityType.GetForeignKeys().SelectMany(key => key.Properties).Any(entry.HasTemporaryValue);
}
