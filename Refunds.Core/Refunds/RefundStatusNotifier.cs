using Microsoft.Extensions.Logging;

namespace Refunds.Core.Refunds;

/// <summary>
/// The one source of refund status events. The unit of work raises them after its commit; pages,
/// the SignalR hub and (on several instances) a backplane subscribe here.
/// </summary>
public sealed class RefundStatusNotifier(ILogger<RefundStatusNotifier> logger)
{
    private readonly object _gate = new();
    private Func<RefundStatusChanged, Task>[] _subscribers = [];

    /// <summary>Calls <paramref name="subscriber"/> for every change until the returned handle is disposed.</summary>
    public IDisposable Subscribe(Func<RefundStatusChanged, Task> subscriber)
    {
        lock (_gate) _subscribers = [.. _subscribers, subscriber];
        return new Subscription(this, subscriber);
    }

    /// <summary>Tells every subscriber; one failing subscriber neither stops the others nor the caller.</summary>
    public async Task PublishAsync(IReadOnlyList<RefundStatusChanged> changes)
    {
        var subscribers = _subscribers;
        foreach (var change in changes)
        {
            RefundsTelemetry.Record(change);
            foreach (var subscriber in subscribers)
            {
                try
                {
                    await subscriber(change);
                }
                catch (Exception ex)
                {
                    logger.LogWarning(ex, "A subscriber failed to handle the status change of refund {RefundId} to {Status}", change.RefundId, change.Status);
                }
            }
        }
    }

    private void Unsubscribe(Func<RefundStatusChanged, Task> subscriber)
    {
        lock (_gate) _subscribers = [.. _subscribers.Where(s => s != subscriber)];
    }

    private sealed class Subscription(RefundStatusNotifier notifier, Func<RefundStatusChanged, Task> subscriber) : IDisposable
    {
        public void Dispose() => notifier.Unsubscribe(subscriber);
    }
}
