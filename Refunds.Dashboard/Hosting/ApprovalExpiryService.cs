using Microsoft.Extensions.Options;
using Refunds.Core.Approvals;

namespace Refunds.Dashboard.Hosting;

/// <summary>Cancels refunds that awaited their approvals too long, every check interval, for as long as the app runs.</summary>
internal sealed class ApprovalExpiryService(
    ApprovalExpiry expiry,
    IOptions<ApprovalOptions> options,
    TimeProvider clock,
    ILogger<ApprovalExpiryService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ExpiryCheckInterval, clock);
        // The first look comes one interval after start too: a starting instance has its migrations and seeding to do first.
        while (await WaitAsync(timer, stoppingToken))
        {
            try
            {
                if (await expiry.ExpireOverdueAsync(stoppingToken) is > 0 and var expired)
                    logger.LogInformation("Cancelled {Count} refunds that awaited approval longer than {ExpireAfter}", expired, options.Value.ExpireAfter);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Looking for refunds that awaited approval too long failed; trying again at the next check");
            }
        }
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
