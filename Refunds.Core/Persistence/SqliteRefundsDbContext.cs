using Microsoft.EntityFrameworkCore;

namespace Refunds.Core.Persistence;

/// <summary>The database on SQLite (the embedded default); its migrations are in <c>Migrations/Sqlite</c>.</summary>
public sealed class SqliteRefundsDbContext(DbContextOptions<SqliteRefundsDbContext> options) : RefundsDbContext(options);
