using System.Collections.Concurrent;
using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Refunds.Core.Approvals;
using Refunds.Core.Audit;
using Refunds.Core.Payouts;
using Refunds.Core.Refunds;

namespace Refunds.Core.Persistence;

/// <summary>
/// Writes what a unit of work did to thousands of rows in a few statements, where SaveChanges would send one
/// statement a row (on SQLite EF Core never batches: a payout file of 10,000 refunds was 40,000 statements on
/// the writer). The rows are read without tracking (<see cref="UntrackedRows{T}"/>): tracking 10,000 refunds
/// with their payments cost more than everything else a payout file or a status report does. What is written is
/// what SaveChanges would write: the columns whose values changed since the rows were read, through the model's
/// own mappings, under the same version checks; the refunds' status changes still reach the daily figures, the
/// webhook outbox and the notifier at the unit's save (<see cref="RefundsDbContext.AnswerFor"/>). Refund creation
/// and decisions save this way too, one refund or a thousand: on the SQLite writer EF Core's tracking of a new refund
/// cost more than its statements (ADR-019, amended). A failed statement is a <see cref="DbUpdateException"/>, as from
/// SaveChanges, so the unit of work still tells a lost race (a unique key taken, a version moved on) and runs again.
/// </summary>
internal static class SetBasedSave
{
    // Far below SQLite's 32,766 parameters a statement (PostgreSQL: 65,535) for the widest row written here. Not more: SQLite
    // finds each parameter by name in a list, so a statement's binding time grows with the square of its parameters.
    private const int RowsPerStatement = 100;

    /// <summary>Inserts new rows that are not tracked and take no value from the database.</summary>
    public static async Task InsertAsync<T>(RefundsDbContext db, IReadOnlyList<T> rows, CancellationToken cancellationToken) where T : class
    {
        var table = Table.Of(db, db.Model.FindEntityType(typeof(T))!);
        if (table.Columns.Any(c => c.ValueGenerated != ValueGenerated.Never))
            throw new NotSupportedException($"{typeof(T).Name} takes values from the database: insert it with SaveChanges.");
        foreach (var chunk in rows.Chunk(RowsPerStatement))
        {
            using var statement = table.Insert(db, chunk, table.Columns);
            await ExecuteAsync(db, statement, cancellationToken);
        }
    }

    /// <summary>
    /// Inserts new refunds, with their approvals and audit entries, that are not tracked: a refund's own columns and
    /// those of its beneficiary in one row, then its approvals and entries (the entries' ids are the database's and
    /// are not read back). The context then answers for their status changes. Creating refunds this way skips EF Core's
    /// change tracking, most of what a create cost the SQLite writer (bench/README.md, round 11).
    /// </summary>
    public static async Task InsertRefundsAsync(RefundsDbContext db, IReadOnlyList<Refund> refunds, CancellationToken cancellationToken)
    {
        if (refunds.Count == 0) return;
        if (refunds.FirstOrDefault(r => r.PayoutLease is not null) is { } leased)
            throw new NotSupportedException($"Refund {leased.Id} has a lease: a new refund is inserted without one.");
        var table = Table.Of(db, db.Model.FindEntityType(typeof(Refund))!);
        foreach (var chunk in refunds.Chunk(RowsPerStatement))
        {
            using var statement = table.Insert(db, chunk, table.ColumnsWithComplex);
            await ExecuteAsync(db, statement, cancellationToken);
        }
        await InsertApprovalsAsync(db, [.. refunds.SelectMany(r => r.Approvals.Select(a => (r, a)))], cancellationToken);
        await InsertAuditEntriesAsync(db, refunds.SelectMany(r => r.History).ToList(), cancellationToken);
        db.AnswerFor(refunds);
    }

    /// <summary>
    /// Saves what the <paramref name="read"/> refunds changed since they were read: their columns (refunds with the
    /// same new values and the same version read share one UPDATE, conditioned on that version; a lease given up is
    /// its columns set to NULL), their new approvals and their new audit entries. The context then answers for their status changes.
    /// </summary>
    public static async Task SaveRefundsAsync(RefundsDbContext db, UntrackedRefunds read, CancellationToken cancellationToken)
    {
        var table = Table.Of(db, db.Model.FindEntityType(typeof(Refund))!);
        var leaseColumns = table.EntityType.FindNavigation(nameof(Refund.PayoutLease))!.TargetEntityType
            .GetProperties().Where(p => !p.IsPrimaryKey()).Select(p => (p, (object?)null)).ToList();
        var newEntries = new List<AuditEntry>();
        var newApprovals = new List<(Refund, Approval)>();
        for (var i = 0; i < read.Rows.Count; i++)
        {
            var refund = read.Rows[i];
            if (refund.PayoutLease is { } lease && !ReferenceEquals(lease, read.LeasesAsRead[i]))
                throw new NotSupportedException($"Refund {refund.Id}'s new lease is saved by SaveChanges, not set-based.");
            newEntries.AddRange(refund.History.Skip(read.HistoryAsRead[i]));
            newApprovals.AddRange(refund.Approvals.Skip(read.ApprovalsAsRead[i]).Select(a => (refund, a)));
        }
        // The refunds first: one another unit changed meanwhile fails its version here, before anything is inserted.
        await UpdateAsync(db, table, Changed(table, read,
            i => read.LeasesAsRead[i] is not null && read.Rows[i].PayoutLease is null ? leaseColumns : []), cancellationToken);
        await InsertApprovalsAsync(db, newApprovals, cancellationToken);
        await InsertAuditEntriesAsync(db, newEntries, cancellationToken);
        db.AnswerFor(read.Rows);
    }

    // An approval is owned by its refund: the owner's key is a shadow property of it, its value the refund's id.
    private static async Task InsertApprovalsAsync(RefundsDbContext db, List<(Refund Owner, Approval Approval)> approvals, CancellationToken cancellationToken)
    {
        var table = Table.Of(db, db.Model.FindEntityType(typeof(Refund))!.FindNavigation(nameof(Refund.Approvals))!.TargetEntityType);
        foreach (var chunk in approvals.Chunk(RowsPerStatement))
        {
            using var statement = table.Insert(db, chunk, table.Columns,
                (property, row) => property.IsShadowProperty() ? row.Owner.Id : property.GetGetter().GetClrValue(row.Approval));
            await ExecuteAsync(db, statement, cancellationToken);
        }
    }

    // Each refund's new entries in the order it made them: the ids they are given ascend down a statement's rows.
    private static async Task InsertAuditEntriesAsync(RefundsDbContext db, List<AuditEntry> entries, CancellationToken cancellationToken)
    {
        var audit = Table.Of(db, db.Model.FindEntityType(typeof(AuditEntry))!);
        var columns = audit.Columns.Where(c => !c.IsPrimaryKey()).ToList();
        foreach (var chunk in entries.Chunk(RowsPerStatement))
        {
            using var statement = audit.Insert(db, chunk, columns);
            await ExecuteAsync(db, statement, cancellationToken);
        }
    }

    /// <summary>
    /// Saves what the <paramref name="read"/> rows of an entity type without owned parts changed in their own columns since
    /// they were read: rows with the same new values (and, where the type has a version, the same version read) share one
    /// UPDATE, conditioned on that version.
    /// </summary>
    public static Task SaveModifiedAsync<T>(RefundsDbContext db, UntrackedRows<T> read, CancellationToken cancellationToken) where T : class
    {
        var table = Table.Of(db, db.Model.FindEntityType(typeof(T))!);
        if (table.EntityType.GetNavigations().Any(n => n.TargetEntityType.IsOwned()))
            throw new NotSupportedException($"{typeof(T).Name} owns rows of its own: save it with SaveChanges.");
        return UpdateAsync(db, table, Changed(table, read, _ => []), cancellationToken);
    }

    // Each changed row's key (as read) and change: the columns whose values differ from those read, and the version read and now.
    private static List<(object?[] Key, RowChange Change)> Changed<T>(Table table, UntrackedRows<T> read,
        Func<int, IReadOnlyList<(IProperty Property, object? Value)>> alsoSet) where T : class
    {
        var version = table.Version;
        var columns = read.Columns.ToList();
        var versionColumn = version is null ? -1 : columns.IndexOf(version);
        var keyColumns = table.EntityType.FindPrimaryKey()!.Properties.Select(k => columns.IndexOf(k)).ToList();
        var changed = new List<(object?[] Key, RowChange Change)>();
        for (var i = 0; i < read.Rows.Count; i++)
        {
            var row = read.Rows[i];
            var asRead = read.AsRead[i];
            if (read.ChangedComplexProperty(i) is { } complex)
                throw new NotSupportedException($"A {typeof(T).Name}'s {complex} is saved by SaveChanges, not set-based.");
            var set = new List<(IProperty Property, object? Value)>();
            for (var c = 0; c < columns.Count; c++)
            {
                var value = columns[c].GetGetter().GetClrValue(row);
                if (columns[c] != version && !Equals(value, asRead[c])) set.Add((columns[c], value));
            }
            set.AddRange(alsoSet(i));
            var newVersion = version?.GetGetter().GetClrValue(row);
            // A version moved on is a change of its own (an approval short of those required may change nothing else at the
            // same instant): the row is written, so a concurrent unit that read the same version loses the race.
            if (set.Count == 0 && (version is null || Equals(newVersion, asRead[versionColumn]))) continue;
            var change = version is null ? new RowChange(null, null, set) : new RowChange(asRead[versionColumn], newVersion, set);
            changed.Add((keyColumns.Select(k => asRead[k]).ToArray(), change));
        }
        return changed;
    }

    // Rows with the same change share UPDATEs of up to RowsPerStatement keys, each conditioned on the version they were read at.
    private static async Task UpdateAsync(RefundsDbContext db, Table table, List<(object?[] Key, RowChange Change)> rows,
        CancellationToken cancellationToken)
    {
        var version = table.Version;
        foreach (var group in rows.GroupBy(r => r.Change, r => r.Key))
        {
            var set = version is null ? group.Key.Set : [.. group.Key.Set, (version, group.Key.NewVersion)];
            foreach (var keys in group.Chunk(RowsPerStatement))
            {
                using var statement = table.Update(db, set, version is null ? null : (version, group.Key.OriginalVersion), keys);
                var updated = await ExecuteAsync(db, statement, cancellationToken);
                if (updated != keys.Length)
                    throw new DbUpdateConcurrencyException(
                        $"{keys.Length - updated} of {keys.Length} {table.EntityType.ClrType.Name} rows were changed by another unit of work since they were read.");
            }
        }
    }

    // Sent as the statement's own command in the unit's transaction, not through EF Core's raw SQL, which builds a second
    // command from the text and parameters: on the SQLite writer every create pays for it (bench/README.md, round 11).
    private static async Task<int> ExecuteAsync(RefundsDbContext db, Statement statement, CancellationToken cancellationToken)
    {
        var transaction = db.Database.CurrentTransaction
            ?? throw new InvalidOperationException("Set-based saves run in a unit of work's transaction: their statements commit together or not at all.");
        try
        {
            return await statement.ExecuteAsync(transaction.GetDbTransaction(), cancellationToken);
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

    /// <summary>
    /// One entity type's table, and statements on it with every value a parameter made by the column's own type mapping.
    /// Made once per entity type (of each provider's model): its names are worked out once, not for every statement.
    /// </summary>
    private sealed class Table
    {
        private static readonly ConcurrentDictionary<IEntityType, Table> Known = new();

        // Every column a statement on it names (its own, its complex properties', those of an owned type sharing its table), once.
        private readonly ConcurrentDictionary<IProperty, string> _columnNames = new();

        private readonly StoreObjectIdentifier _table;

        // On SQLite an UPDATE of many rows that could fail part-way (a NOT NULL) copies every page it changes to a statement
        // journal first, a temporary file, again for each statement: 140 MB for a payout file of 10,000 refunds, a third of
        // the time its refunds took to save. OR FAIL keeps no such copy: a statement that fails fails its unit of work,
        // which is undone whole (its savepoint, or its transaction), so the rows it changed before failing go too.
        // PostgreSQL has no such clause.
        private readonly bool _updateOrFail;

        private Table(ISqlGenerationHelper sql, IEntityType entityType, bool sqlite)
        {
            Sql = sql;
            _updateOrFail = sqlite;
            EntityType = entityType;
            Columns = entityType.GetProperties().ToList();
            ColumnsWithComplex = [.. Columns, .. entityType.GetComplexProperties().SelectMany(c => c.ComplexType.GetProperties())];
            Version = Columns.SingleOrDefault(p => p.IsConcurrencyToken);
            _table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
            Name = sql.DelimitIdentifier(_table.Name, _table.Schema);
        }

        public static Table Of(RefundsDbContext db, IEntityType entityType) =>
            Known.GetOrAdd(entityType, static (type, db) => new Table(db.GetService<ISqlGenerationHelper>(), type, db.Database.IsSqlite()), db);

        public ISqlGenerationHelper Sql { get; }

        public IEntityType EntityType { get; }

        /// <summary>The columns of the entity type's own properties (not those of what it owns).</summary>
        public IReadOnlyList<IProperty> Columns { get; }

        /// <summary>Those columns and the columns of its complex properties (a beneficiary): every value a row of it holds.</summary>
        public IReadOnlyList<IProperty> ColumnsWithComplex { get; }

        /// <summary>Its version: the concurrency token, if it has one.</summary>
        public IProperty? Version { get; }

        private string Name { get; }

        public Statement Insert<T>(RefundsDbContext db, IReadOnlyList<T> rows, IReadOnlyList<IProperty> columns, Func<IProperty, T, object?>? valueOf = null)
        {
            // A complex property's column is read through the entity that holds it.
            valueOf ??= (property, row) => property.DeclaringType is IComplexType
                ? property.GetGetter().GetClrValueUsingContainingEntity(row!)
                : property.GetGetter().GetClrValue(row!);
            var statement = new Statement(db, Sql, shareRepeatedValues: rows.Count > 1);
            statement.Text.Append("INSERT INTO ").Append(Name).Append(" (").AppendJoin(", ", columns.Select(Column)).Append(") VALUES ");
            for (var row = 0; row < rows.Count; row++)
            {
                statement.Text.Append(row == 0 ? "(" : ", (");
                for (var column = 0; column < columns.Count; column++)
                {
                    if (column > 0) statement.Text.Append(", ");
                    statement.Value(columns[column], valueOf(columns[column], rows[row]));
                }
                statement.Text.Append(')');
            }
            return statement;
        }

        public Statement Update(RefundsDbContext db, IReadOnlyList<(IProperty Property, object? Value)> set, (IProperty Property, object? Value)? condition,
            IReadOnlyList<object?[]> keys)
        {
            var statement = new Statement(db, Sql, shareRepeatedValues: false);
            statement.Text.Append(_updateOrFail ? "UPDATE OR FAIL " : "UPDATE ").Append(Name).Append(" SET ");
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

        private string Column(IProperty property) =>
            _columnNames.GetOrAdd(property, static (p, table) => table.Sql.DelimitIdentifier(p.GetColumnName(table._table)!), this);
    }

    /// <summary>SQL and its parameters, in the command that sends them.</summary>
    private sealed class Statement(RefundsDbContext db, ISqlGenerationHelper sql, bool shareRepeatedValues) : IDisposable
    {
        private readonly DbCommand _command = db.Database.GetDbConnection().CreateCommand();

        // Down the rows of a statement of many, a repeated value (the file, the actor, the time) is one parameter: fewer to
        // bind. A statement of one row has nothing to share, and looking would cost a create as much as making its parameters.
        private readonly Dictionary<(RelationalTypeMapping, bool, object?), string>? _names = shareRepeatedValues ? [] : null;

        public StringBuilder Text { get; } = new();

        public void Value(IProperty property, object? value)
        {
            var mapping = property.GetRelationalTypeMapping();
            var key = (mapping, property.IsNullable, _names is null ? null : Stored(property, value));
            if (_names is null || !_names.TryGetValue(key, out var name))
            {
                name = $"p{_command.Parameters.Count}";
                _command.Parameters.Add(mapping.CreateParameter(_command, sql.GenerateParameterName(name), value, property.IsNullable));
                _names?.Add(key, name);
            }
            Text.Append(sql.GenerateParameterNamePlaceholder(name));
        }

        public Task<int> ExecuteAsync(DbTransaction transaction, CancellationToken cancellationToken)
        {
            _command.CommandText = Text.ToString();
            _command.Transaction = transaction;
            return _command.ExecuteNonQueryAsync(cancellationToken);
        }

        public void Dispose() => _command.Dispose();
    }
}
