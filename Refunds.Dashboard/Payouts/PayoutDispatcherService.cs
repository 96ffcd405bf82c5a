using Microsoft.Extensions.Options;
using Refunds.Core.Payouts;
using Refunds.Core.Refunds;
using Refunds.Dashboard.Hosting;

namespace Refunds.Dashboard.Payouts;

/// <summary>
/// Runs the payout dispatcher for as long as the app runs: a pass whenever a refund is approved,
/// and otherwise every poll interval (to follow refunds pending with the bank, retries, and work
/// left by a crashed instance).
/// </summary>
internal sealed class PayoutDispatcherService(
    PayoutDispatcher dispatcher,
    RefundStatusNotifier notifier,
    IOptions<PayoutOptions> options,
    ILogger<PayoutDispatcherService> logger) : BackgroundService
{
    private readonly WakeUpSignal _wakeUp = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.DispatcherEnabled)
        {
            logger.LogInformation("The payout dispatcher is switched off on this instance (Payouts:DispatcherEnabled)");
            return;
        }
        if (options.Value.Rail == PayoutRail.BankFile)
        {
            logger.LogInformation("Payouts go to the bank in payout files (Payouts:Rail is BankFile): the payout dispatcher does not run");
            return;
        }
        using var subscription = notifier.SubscribeToLocalCommits(change =>
        {
            if (change.Status == RefundStatus.Approved) _wakeUp.WakeUp();
            return Task.CompletedTask;
        });
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // A full batch means more may be waiting: go again at once.
                if (await dispatcher.DispatchDueAsync(stoppingToken) > 0) continue;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "A payout dispatcher pass failed; trying again shortly");
            }
            try
            {
                await _wakeUp.WaitAsync(options.Value.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public override void Dispose()
    {
        _wakeUp.Dispose();
        base.Dispose();
    }
}
