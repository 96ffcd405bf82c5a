using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Refunds.Core.Persistence;

/// <summary>Lets <c>dotnet ef</c> build the model without starting the dashboard.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<RefundsDbContext>
{
    public RefundsDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<RefundsDbContext>();
        options.UseRefundsSqlite("Data Source=design-time.db");
        return new RefundsDbContext(options.Options);
    }
}
