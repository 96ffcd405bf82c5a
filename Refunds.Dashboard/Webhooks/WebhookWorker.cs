using Microsoft.Extensions.Options;
using Refunds.Core.Refunds;
using Refunds.Core.Webhooks;
using Refunds.Dashboard.Hosting;

namespace Refunds.Dashboard.Webhooks;

/// <summary>
/// Runs the webhook dispatcher for as long as the app runs: a pass shortly after this instance commits a
/// status change (<see cref="WebhookOptions.GatherDelay"/>), and otherwise every poll interval (retries, and events
/// left by an instance that stopped). A pass's attempts are recorded while the next pass sends.
/// </summary>
internal sealed class WebhookWorker(
    WebhookDispatcher dispatcher,
    RefundStatusNotifier notifier,
    IOptionsMonitor<WebhookOptions> options,
    ILogger<WebhookWorker> logger) : BackgroundService
{
    // Enough for a burst's passes to go on sending while the writer catches up (with 4, sends waited over a second on
    // recordings queued behind a burst's batches: bench figure 11); few enough that an attempt is recorded well within
    // its lease.
    private const int RecordingsInFlight = 16;

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
        // Passes whose attempts are still being recorded: the next pass sends without waiting for the writer, within a bound.
        var recording = new Queue<Task>();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var pass = await dispatcher.SendDueAsync(stoppingToken);
                recording.Enqueue(pass.Recorded);
                while (recording.Count > 0 && (recording.Peek().IsCompleted || recording.Count > RecordingsInFlight))
                    await recording.Dequeue();
                // A full pass means more is waiting: go again at once.
                if (pass.MoreWaiting) continue;
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
