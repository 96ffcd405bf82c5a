using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Refunds.Core.Demo;
using Refunds.Core.Persistence;

namespace Refunds.Dashboard.Hosting;

/// <summary>
/// Brings the database up to date before the app takes requests: applies migrations, then seeds
/// demo data into an empty database when that is switched on.
/// </summary>
internal sealed class DatabaseStartup(
    IDbContextFactory<RefundsDbContext> contexts,
    DemoData demoData,
    IOptions<DemoDataOptions> demoOptions,
    ILogger<DatabaseStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            await DatabaseSetup.MigrateAsync(db, cancellationToken);
        }
        if (demoOptions.Value.Enabled && await demoData.SeedIfEmptyAsync(cancellationToken))
            logger.LogInformation("Seeded demo payments and refunds into the empty database");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
