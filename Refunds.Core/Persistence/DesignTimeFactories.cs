using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Refunds.Core.Persistence;

/// <summary>Lets <c>dotnet ef</c> build the SQLite model without starting the dashboard.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteRefundsDbContext>
{
    public SqliteRefundsDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<SqliteRefundsDbContext>();
        options.UseRefundsSqlite("Data Source=design-time.db");
        return new SqliteRefundsDbContext(options.Options);
    }
}

/// <summary>Lets <c>dotnet ef</c> build the PostgreSQL model; adding a migration never connects.</summary>
internal sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlRefundsDbContext>
{
    public PostgreSqlRefundsDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PostgreSqlRefundsDbContext>();
        options.UseNpgsql("Host=localhost;Database=refunds_design_time");
        return new PostgreSqlRefundsDbContext(options.Options);
    }
}
