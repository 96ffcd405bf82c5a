using Microsoft.Extensions.Options;
using Refunds.Core.Payouts;
using Refunds.Core.Payouts.BankFile;

namespace Refunds.Dashboard.Payouts;

/// <summary>
/// Makes a payout file at the times <c>BankFile:Schedule</c> names, on the bank-file rail. Safe on any number
/// of instances: they wake at the same moments, and the database lets only one file take each refund
/// (the others find nothing waiting and make no file).
/// </summary>
internal sealed class PayoutFileScheduleService(
    PayoutFiles files,
    IOptions<PayoutOptions> payouts,
    IOptions<BankFileOptions> options,
    TimeProvider clock,
    ILogger<PayoutFileScheduleService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (payouts.Value.Rail != PayoutRail.BankFile || string.IsNullOrWhiteSpace(options.Value.Schedule)) return;
        // Checked at start (BankFileOptionsValidator).
        PayoutFileSchedule.TryParse(options.Value.Schedule, out var schedule, out _);
        logger.LogInformation("Payout files are made on the schedule \"{Schedule}\"", options.Value.Schedule);
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = clock.GetUtcNow();
            try
            {
                await Task.Delay(schedule.NextAfter(now) - now, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            try
            {
                if (await files.CreateScheduledAsync(stoppingToken) is { } file)
                    logger.LogInformation("Payout file {MessageId} made on schedule with {Count} refunds", file.MessageId, file.TransactionCount);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "The scheduled payout file could not be made; the next scheduled time tries again");
            }
        }
    }
}
