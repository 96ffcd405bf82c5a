using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Refunds.Core.Audit;
using Refunds.Core.Payouts;
using Refunds.Core.Refunds;

namespace Refunds.Core.Persistence;

/// <summary>
/// Writes what a unit of work did to thousands of rows in a few statements, where SaveChanges would send one
/// statement a row (on SQLite EF Core never batches: a payout file of 10,000 refunds was 40,000 statements on
/// the writer). What is written is what SaveChanges would write: the same columns and values, read from the
/// tracked entities through the model's own mappings, under the same version checks. The entities are then
/// left as SaveChanges leaves them, so the unit's own save does not write them again, while the status changes
/// the refunds recorded still reach the daily figures, the webhook outbox and the notifier at that save.
/// A failed statement is a <see cref="DbUpdateException"/>, as from SaveChanges, so the unit of work still
/// tells a lost race (a unique key taken, a version moved on) and runs again.
/// </summary>
internal static class SetBasedSave
{
    // Far below SQLite's 32,766 parameters a statement (PostgreSQL: 65,535) for the widest row written here. Not more: SQLite
    // finds each parameter by name in a list, so a statement's binding time grows with the square of its parameters.
    internal const int RowsPerStatement = 100;

    /// <summary>Inserts new rows that are not tracked and take no value from the database.</summary>
    public static async Task InsertAsync<T>(RefundsDbContext db, IReadOnlyList<T> rows, CancellationToken cancellationToken) where T : class
    {
        var table = new Table(db, db.Model.FindEntityType(typeof(T))!);
        if (table.Columns.Any(c => c.ValueGenerated != ValueGenerated.Never))
            throw new NotSupportedException($"{typeof(T).Name} takes values from the database: insert it with SaveChanges.");
        foreach (var chunk in rows.Chunk(RowsPerStatement))
        {
            using var statement = table.Insert(chunk, table.Columns, returning: []);
            await ExecuteAsync(db, statement, cancellationToken);
        }
    }

    /// <summary>
    /// Saves what the tracked <paramref name="refunds"/> changed since they were read: their columns (refunds with
    /// the same new values and the same version read share one UPDATE, conditioned on that version) and their new
    /// audit entries (inserted, their ids read back). Anything else tracked is left to SaveChanges.
    /// </summary>
    public static Task SaveRefundsAsync(RefundsDbContext db, IReadOnlyList<Refund> refunds, CancellationToken cancellationToken) =>
        WithoutAutoDetectAsync(db, async () =>
        {
            var entries = Scanned(db, refunds);
            var ids = refunds.Select(r => r.Id).ToHashSet();
            var removedLeases = RemovedLeases(db, ids);
            var changed = entries.Where(e => e.State == EntityState.Modified || removedLeases.ContainsKey(e.Entity.Id)).ToList();
            var leaseColumns = LeaseColumns(db);
            await UpdateAsync(db, changed, entry => removedLeases.ContainsKey(entry.Entity.Id) ? leaseColumns.Select(p => (p, (object?)null)) : [],
                cancellationToken);
            await InsertAuditEntriesAsync(db, refunds, ids, cancellationToken);
            MarkSaved(changed);
            foreach (var lease in removedLeases.Values) lease.State = EntityState.Detached;
        });

    /// <summary>
    /// Saves what the <paramref name="read"/> refunds, read without tracking, changed since they were read: their columns
    /// (as <see cref="SaveRefundsAsync(RefundsDbContext, IReadOnlyList{Refund}, CancellationToken)"/>, under the same
    /// version check) and their new audit entries. The context then answers for their status changes as for tracked
    /// refunds' (<see cref="RefundsDbContext.UnitRefunds"/>): they reach the daily figures, the webhook outbox and the
    /// notifier at the unit's save. For thousands of refunds whose payments it does not change: tracking them costs
    /// more than everything else the unit does.
    /// </summary>
    public static async Task SaveRefundsAsync(RefundsDbContext db, UntrackedRefunds read, CancellationToken cancellationToken)
    {
        var table = new Table(db, db.Model.FindEntityType(typeof(Refund))!);
        var version = table.EntityType.GetProperties().Single(p => p.IsConcurrencyToken);
        var versionColumn = table.Columns.ToList().IndexOf(version);
        var leaseColumns = LeaseColumns(db);
        var changed = new List<(object?[] Key, RowChange Change)>();
        var newEntries = new List<AuditEntry>();
        for (var i = 0; i < read.Refunds.Count; i++)
        {
            var refund = read.Refunds[i];
            var asRead = read.AsRead[i];
            if (refund.Approvals.Count != asRead.Approvals || !Equals(refund.Beneficiary, asRead.Beneficiary)
                || refund.PayoutLease is { } lease && !ReferenceEquals(lease, asRead.Lease))
                throw new NotSupportedException($"Refund {refund.Id}'s approvals, beneficiary or a new lease are saved by SaveChanges, not set-based.");
            var set = new List<(IProperty Property, object? Value)>();
            for (var c = 0; c < table.Columns.Count; c++)
            {
                var column = table.Columns[c];
                var value = column.GetGetter().GetClrValue(refund);
                if (column != version && !Equals(value, asRead.Values[c])) set.Add((column, value));
            }
            if (asRead.Lease is not null && refund.PayoutLease is null) set.AddRange(leaseColumns.Select(p => (p, (object?)null)));
            if (set.Count > 0) changed.Add(([refund.Id], new RowChange(asRead.Values[versionColumn], refund.Version, set)));
            newEntries.AddRange(refund.History.Skip(asRead.History));
        }
        await UpdateAsync(db, table, changed, nameof(Refund), cancellationToken);
        // Each refund's new entries in the order it made them: the ids they are given ascend down a statement's rows.
        var audit = new Table(db, db.Model.FindEntityType(typeof(AuditEntry))!);
        var columns = audit.Columns.Where(c => !c.IsPrimaryKey()).ToList();
        foreach (var chunk in newEntries.Chunk(RowsPerStatement))
        {
            using var statement = audit.Insert(chunk, columns, returning: []);
            await ExecuteAsync(db, statement, cancellationToken);
        }
        db.AnswerFor(read.Refunds);
    }

    /// <summary>
    /// Saves what the tracked <paramref name="rows"/> of an entity type without owned parts changed in their own columns since
    /// they were read: rows with the same new values (and, where the type has a version, the same version read) share one
    /// UPDATE, conditioned on that version. Anything else tracked is left to SaveChanges.
    /// </summary>
    public static Task SaveModifiedAsync<T>(RefundsDbContext db, IReadOnlyCollection<T> rows, CancellationToken cancellationToken) where T : class
    {
        if (db.Model.FindEntityType(typeof(T))!.GetNavigations().Any(n => n.TargetEntityType.IsOwned()))
            throw new NotSupportedException($"{typeof(T).Name} owns rows of its own: save it with SaveChanges.");
        return WithoutAutoDetectAsync(db, async () =>
        {
            var changed = Scanned(db, rows).Where(e => e.State == EntityState.Modified).ToList();
            await UpdateAsync(db, changed, _ => [], cancellationToken);
            MarkSaved(changed);
        });
    }

    // Only the rows saved here are scanned for changes, each on its own: the rest tracked (the loaded payments and
    // approvals of refunds) is left to the unit's SaveChanges, which scans every tracked entity anyway.
    private static async Task WithoutAutoDetectAsync(RefundsDbContext db, Func<Task> save)
    {
        using var off = new AutoDetectChangesOff(db.ChangeTracker);
        await save();
    }

    private static List<EntityEntry<T>> Scanned<T>(RefundsDbContext db, IEnumerable<T> rows) where T : class
    {
        var entries = rows.Select(r => db.Entry(r)).ToList();
        foreach (var entry in entries) entry.DetectChanges();
        return entries;
    }

    // As SaveChanges leaves them: what was written is what they were read as.
    private static void MarkSaved<T>(List<EntityEntry<T>> saved) where T : class
    {
        foreach (var entry in saved)
        {
            foreach (var property in entry.Properties.Where(p => p.IsModified)) property.OriginalValue = property.CurrentValue;
            entry.State = EntityState.Unchanged;
        }
    }

    // A refund's lease shares its row: a lease given up is its columns set to NULL. Any other change of what a refund owns
    // (its approvals, a new lease) is not written here.
    private static Dictionary<Guid, EntityEntry> RemovedLeases(RefundsDbContext db, HashSet<Guid> ids)
    {
        var removed = new Dictionary<Guid, EntityEntry>();
        foreach (var owned in db.ChangeTracker.Entries().Where(e => e.State != EntityState.Unchanged && e.Metadata.IsOwned()))
        {
            var ownership = owned.Metadata.FindOwnership()!;
            if (ownership.PrincipalEntityType.ClrType != typeof(Refund)) continue;
            var owner = (Guid)owned.Property(ownership.Properties[0].Name).CurrentValue!;
            if (!ids.Contains(owner)) continue;
            if (owned.Entity is not PayoutLease || owned.State != EntityState.Deleted)
                throw new NotSupportedException($"A refund's {owned.Metadata.ClrType.Name} {owned.State} is saved by SaveChanges, not set-based.");
            removed[owner] = owned;
        }
        return removed;
    }

    // A refund's lease shares its row: its columns, set to NULL when it is given up.
    private static List<IProperty> LeaseColumns(RefundsDbContext db) =>
        db.Model.FindEntityType(typeof(Refund))!.FindNavigation(nameof(Refund.PayoutLease))!.TargetEntityType
            .GetProperties().Where(p => !p.IsPrimaryKey()).ToList();

    // A type's version is its concurrency token, if it has one.
    private static Task UpdateAsync<T>(RefundsDbContext db, List<EntityEntry<T>> changed,
        Func<EntityEntry<T>, IEnumerable<(IProperty Property, object? Value)>> alsoSet, CancellationToken cancellationToken) where T : class
    {
        var table = new Table(db, db.Model.FindEntityType(typeof(T))!);
        var version = table.EntityType.GetProperties().SingleOrDefault(p => p.IsConcurrencyToken);
        var key = table.EntityType.FindPrimaryKey()!.Properties;
        var rows = changed.Select(entry =>
        {
            if (entry.ComplexProperties.Any(p => p.IsModified))
                throw new NotSupportedException($"A {typeof(T).Name}'s {entry.ComplexProperties.First(p => p.IsModified).Metadata.Name} is saved by SaveChanges, not set-based.");
            var set = entry.Properties.Where(p => p.IsModified && p.Metadata != version).Select(p => (p.Metadata, p.CurrentValue)).Concat(alsoSet(entry)).ToList();
            var keyValues = key.Select(k => entry.Property(k.Name).CurrentValue).ToArray();
            return (keyValues, version is null ? new RowChange(null, null, set) : new RowChange(entry.OriginalValues[version], entry.CurrentValues[version], set));
        }).ToList();
        return UpdateAsync(db, table, rows, typeof(T).Name, cancellationToken);
    }

    // Rows with the same change share UPDATEs of up to RowsPerStatement keys, each conditioned on the version they were read at.
    private static async Task UpdateAsync(RefundsDbContext db, Table table, List<(object?[] Key, RowChange Change)> rows, string typeName,
        CancellationToken cancellationToken)
    {
        var version = table.EntityType.GetProperties().SingleOrDefault(p => p.IsConcurrencyToken);
        foreach (var group in rows.GroupBy(r => r.Change, r => r.Key))
        {
            var set = version is null ? group.Key.Set : [.. group.Key.Set, (version, group.Key.NewVersion)];
            foreach (var keys in group.Chunk(RowsPerStatement))
            {
                using var statement = table.Update(set, version is null ? null : (version, group.Key.OriginalVersion), keys);
                var updated = await ExecuteAsync(db, statement, cancellationToken);
                if (updated != keys.Length)
                    throw new DbUpdateConcurrencyException($"{keys.Length - updated} of {keys.Length} {typeName} rows were changed by another unit of work since they were read.");
            }
        }
    }

    // In rounds, a refund's first new entry in the first: each round reads its ids back by refund, and a refund's entries
    // keep the order of their ids.
    private static async Task InsertAuditEntriesAsync(RefundsDbContext db, IReadOnlyList<Refund> refunds, HashSet<Guid> ids,
        CancellationToken cancellationToken)
    {
        var added = db.ChangeTracker.Entries<AuditEntry>().Where(e => e.State == EntityState.Added && ids.Contains(e.Entity.RefundId))
            .ToDictionary(e => e.Entity);
        if (added.Count == 0) return;
        var table = new Table(db, db.Model.FindEntityType(typeof(AuditEntry))!);
        var id = table.EntityType.FindPrimaryKey()!.Properties.Single();
        var refundId = table.EntityType.FindProperty(nameof(AuditEntry.RefundId))!;
        var rounds = refunds.SelectMany(r => r.History.Where(added.ContainsKey).Select((entry, round) => (entry, round)))
            .GroupBy(e => e.round, e => e.entry);
        foreach (var round in rounds)
        {
            foreach (var chunk in round.Chunk(RowsPerStatement))
            {
                using var statement = table.Insert(chunk, table.Columns.Where(c => c != id).ToList(), returning: [id, refundId]);
                var idOf = await InsertedIdsAsync(db, statement, cancellationToken);
                foreach (var entry in chunk)
                {
                    var tracked = added[entry];
                    tracked.Property(e => e.Id).CurrentValue = idOf[entry.RefundId];
                    tracked.State = EntityState.Unchanged;
                }
            }
        }
    }

    private static async Task<int> ExecuteAsync(RefundsDbContext db, Statement statement, CancellationToken cancellationToken)
    {
        try
        {
            return await db.Database.ExecuteSqlRawAsync(statement.Sql, statement.Parameters, cancellationToken);
        }
        catch (DbException ex)
        {
            throw new DbUpdateException(ex.Message, ex);
        }
    }

    // Read straight from the provider's reader: through EF (SqlQueryRaw) every statement's distinct text was a new
    // query to compile, and its delegates to JIT, 100 times a file.
    private static async Task<Dictionary<Guid, long>> InsertedIdsAsync(RefundsDbContext db, Statement statement, CancellationToken cancellationToken)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandTimeout = db.Database.GetCommandTimeout() ?? command.CommandTimeout;
        command.CommandText = statement.Sql;
        command.Parameters.AddRange(statement.Parameters.ToArray());
        try
        {
            var ids = new Dictionary<Guid, long>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) ids.Add(reader.GetGuid(1), reader.GetInt64(0));
            return ids;
        }
        catch (DbException ex)
        {
            throw new DbUpdateException(ex.Message, ex);
        }
    }

    /// <summary>What one row's UPDATE sets, and the version it is conditioned on (if its type has one): rows with equal ones share a statement.</summary>
    private sealed class RowChange : IEquatable<RowChange>
    {
        // Compared as stored: two values the database cannot tell apart need no statement each.
        private readonly List<(IProperty Property, object? Stored)> _stored;

        public RowChange(object? originalVersion, object? newVersion, List<(IProperty Property, object? Value)> set)
        {
            OriginalVersion = originalVersion;
            NewVersion = newVersion;
            Set = set;
            _stored = set.Select(c => (c.Property, Stored(c.Property, c.Value))).ToList();
        }

        public object? OriginalVersion { get; }

        public object? NewVersion { get; }

        public List<(IProperty Property, object? Value)> Set { get; }

        public bool Equals(RowChange? other) => other is not null && Equals(OriginalVersion, other.OriginalVersion)
            && Equals(NewVersion, other.NewVersion) && _stored.SequenceEqual(other._stored);

        public override bool Equals(object? obj) => Equals(obj as RowChange);

        public override int GetHashCode()
        {
            var hash = new HashCode();
            hash.Add(OriginalVersion);
            hash.Add(NewVersion);
            foreach (var column in _stored) hash.Add(column);
            return hash.ToHashCode();
        }
    }

    private static object? Stored(IProperty property, object? value) =>
        property.GetTypeMapping().Converter is { } converter ? converter.ConvertToProvider(value) : value;

    /// <summary>One entity type's table, and statements on it with every value a parameter made by the column's own type mapping.</summary>
    private sealed class Table(RefundsDbContext db, IEntityType entityType)
    {
        private readonly ISqlGenerationHelper _sql = db.GetService<ISqlGenerationHelper>();
        private readonly StoreObjectIdentifier _table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());

        public IEntityType EntityType { get; } = entityType;

        /// <summary>The columns of the entity type's own properties (not those of what it owns).</summary>
        public IReadOnlyList<IProperty> Columns { get; } = entityType.GetProperties().ToList();

        public Statement Insert<T>(IReadOnlyList<T> rows, IReadOnlyList<IProperty> columns, IReadOnlyList<IProperty> returning)
        {
            var statement = new Statement(db, _sql);
            statement.Text.Append("INSERT INTO ").Append(Name).Append(" (").AppendJoin(", ", columns.Select(Column)).Append(") VALUES ");
            for (var row = 0; row < rows.Count; row++)
            {
                statement.Text.Append(row == 0 ? "(" : ", (");
                for (var column = 0; column < columns.Count; column++)
                {
                    if (column > 0) statement.Text.Append(", ");
                    statement.Value(columns[column], columns[column].GetGetter().GetClrValue(rows[row]!));
                }
                statement.Text.Append(')');
            }
            if (returning.Count > 0) statement.Text.Append(" RETURNING ").AppendJoin(", ", returning.Select(Column));
            return statement;
        }

        public Statement Update(IReadOnlyList<(IProperty Property, object? Value)> set, (IProperty Property, object? Value)? condition,
            IReadOnlyList<object?[]> keys)
        {
            var statement = new Statement(db, _sql);
            statement.Text.Append("UPDATE ").Append(Name).Append(" SET ");
            for (var i = 0; i < set.Count; i++)
            {
                statement.Text.Append(i == 0 ? "" : ", ").Append(Column(set[i].Property)).Append(" = ");
                statement.Value(set[i].Property, set[i].Value);
            }
            statement.Text.Append(" WHERE ");
            if (condition is var (property, value))
            {
                statement.Text.Append(Column(property)).Append(" = ");
                statement.Value(property, value);
                statement.Text.Append(" AND ");
            }
            // One key column: "Id" IN (…); a composite key: a row value, ("A", "B") IN (VALUES (…), …).
            var key = EntityType.FindPrimaryKey()!.Properties;
            if (key.Count == 1) statement.Text.Append(Column(key[0])).Append(" IN (");
            else statement.Text.Append('(').AppendJoin(", ", key.Select(Column)).Append(") IN (VALUES ");
            for (var row = 0; row < keys.Count; row++)
            {
                if (row > 0) statement.Text.Append(", ");
                if (key.Count > 1) statement.Text.Append('(');
                for (var column = 0; column < key.Count; column++)
                {
                    if (column > 0) statement.Text.Append(", ");
                    statement.Value(key[column], keys[row][column]);
                }
                if (key.Count > 1) statement.Text.Append(')');
            }
            statement.Text.Append(')');
            return statement;
        }

        private string Name => _sql.DelimitIdentifier(_table.Name, _table.Schema);

        private string Column(IProperty property) => _sql.DelimitIdentifier(property.GetColumnName(_table)!);
    }

    /// <summary>SQL and its parameters; the command it has lent its parameters' type is disposed with it.</summary>
    private sealed class Statement(RefundsDbContext db, ISqlGenerationHelper sql) : IDisposable
    {
        private readonly DbCommand _parameterSource = db.Database.GetDbConnection().CreateCommand();

        public StringBuilder Text { get; } = new();

        public List<DbParameter> Parameters { get; } = [];

        public string Sql => Text.ToString();

        // A value repeated down the rows (the file, the actor, the time) is one parameter: fewer to bind.
        private readonly Dictionary<(RelationalTypeMapping, bool, object?), string> _names = [];

        public void Value(IProperty property, object? value)
        {
            var mapping = property.GetRelationalTypeMapping();
            var key = (mapping, property.IsNullable, Stored(property, value));
            if (!_names.TryGetValue(key, out var name))
            {
                name = $"p{Parameters.Count}";
                Parameters.Add(mapping.CreateParameter(_parameterSource, sql.GenerateParameterName(name), value, property.IsNullable));
                _names[key] = name;
            }
            Text.Append(sql.GenerateParameterNamePlaceholder(name));
        }

        public void Dispose() => _parameterSource.Dispose();
    }
}
