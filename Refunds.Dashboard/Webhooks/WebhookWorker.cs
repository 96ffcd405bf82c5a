using Microsoft.Extensions.Options;
using Refunds.Core.Refunds;
using Refunds.Core.Webhooks;
using Refunds.Dashboard.Hosting;

namespace Refunds.Dashboard.Webhooks;

/// <summary>
/// Runs the webhook dispatcher for as long as the app runs: a pass shortly after this instance commits a
/// status change (<see cref="WebhookOptions.GatherDelay"/>), and otherwise every poll interval (retries, changes other instances committed, and work
/// left by a crashed instance).
/// </summary>
internal sealed class WebhookWorker(
    WebhookDispatcher dispatcher,
    RefundStatusNotifier notifier,
    IOptionsMonitor<WebhookOptions> options,
    ILogger<WebhookWorker> logger) : BackgroundService
{
    private readonly WakeUpSignal _wakeUp = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.CurrentValue.WorkerEnabled)
        {
            logger.LogInformation("The webhook delivery worker is switched off on this instance (Webhooks:WorkerEnabled)");
            return;
        }
        using var subscription = notifier.SubscribeToLocalCommits(_ =>
        {
            _wakeUp.WakeUp();
            return Task.CompletedTask;
        });
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // A full pass means more is waiting: go again at once.
                if (await dispatcher.DispatchDueAsync(stoppingToken)) continue;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "A webhook delivery pass failed; trying again shortly");
            }
            try
            {
                await _wakeUp.WaitAsync(options.CurrentValue.PollInterval, stoppingToken);
                await Task.Delay(options.CurrentValue.GatherDelay, stoppingToken);
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
