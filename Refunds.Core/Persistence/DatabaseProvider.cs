namespace Refunds.Core.Persistence;

/// <summary>The setting <c>Database:Provider</c>: which database server holds the product's data.</summary>
public enum DatabaseProvider
{
    /// <summary>A file beside the app: the embedded default for one instance.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server shared by any number of instances.</summary>
    PostgreSql,
}
