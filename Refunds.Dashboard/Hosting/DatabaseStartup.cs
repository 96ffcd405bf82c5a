using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Refunds.Core.Approvals;
using Refunds.Core.Demo;
using Refunds.Core.Persistence;

namespace Refunds.Dashboard.Hosting;

/// <summary>
/// Brings the database up to date before the app takes requests: applies migrations, writes the approval
/// policy's first version from the settings when there is none, then seeds demo data into an empty
/// database when that is switched on.
/// </summary>
internal sealed class DatabaseStartup(
    IDbContextFactory<RefundsDbContext> contexts,
    ApprovalPolicies approvalPolicies,
    IOptions<ApprovalOptions> approvalOptions,
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
        if (await approvalPolicies.SeedIfNoneAsync(approvalOptions.Value.TiersAsSet(), cancellationToken))
            logger.LogInformation("Set up the approval policy's first version from Approvals:Tiers");
        if (demoOptions.Value.Enabled && await demoData.SeedIfEmptyAsync(cancellationToken))
            logger.LogInformation("Seeded demo payments and refunds into the empty database");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
