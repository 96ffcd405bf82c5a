using Microsoft.EntityFrameworkCore;

namespace Refunds.Core.Persistence;

/// <summary>The database on PostgreSQL (several instances); its migrations are in <c>Migrations/PostgreSql</c>.</summary>
public sealed class PostgreSqlRefundsDbContext(DbContextOptions<PostgreSqlRefundsDbContext> options) : RefundsDbContext(options);
