using Microsoft.Extensions.Logging;

namespace Refunds.Core.Refunds;

/// <summary>
/// The one source of refund status events on this instance. The unit of work publishes the changes it
/// committed; with several instances, the changes the others committed are delivered here too (by the
/// dashboard's cluster relay). Two kinds of subscriber, so that each change reaches each of them once:
/// <list type="bullet">
/// <item>work done once per change wherever it was committed (the hub broadcast, whose backplane already
/// reaches every instance's clients; the event log; the relay itself) listens to this instance's commits;</item>
/// <item>views on this instance (pages) listen to every instance's, and are told when some from other
/// instances may have been missed, so they can read their data again.</item>
/// </list>
/// </summary>
public sealed class RefundStatusNotifier(ILogger<RefundStatusNotifier> logger)
{
    private readonly object _gate = new();
    private Func<RefundStatusChanged, Task>[] _localSubscribers = [];
    private View[] _views = [];

    /// <summary>Calls <paramref name="subscriber"/> for every change committed by this instance until the returned handle is disposed.</summary>
    public IDisposable SubscribeToLocalCommits(Func<RefundStatusChanged, Task> subscriber)
    {
        lock (_gate) _localSubscribers = [.. _localSubscribers, subscriber];
        return new Subscription(() => { lock (_gate) _localSubscribers = [.. _localSubscribers.Where(s => s != subscriber)]; });
    }

    /// <summary>
    /// Calls <paramref name="onChange"/> for every change committed by any instance, and
    /// <paramref name="onMissedChanges"/> when changes from other instances may have been lost on the way.
    /// </summary>
    public IDisposable SubscribeToAllInstances(Func<RefundStatusChanged, Task> onChange, Func<Task> onMissedChanges)
    {
        var view = new View(onChange, onMissedChanges);
        lock (_gate) _views = [.. _views, view];
        return new Subscription(() => { lock (_gate) _views = [.. _views.Where(v => v != view)]; });
    }

    /// <summary>Tells every subscriber of the changes this instance committed; one failing subscriber neither stops the others nor the caller.</summary>
    public async Task PublishAsync(IReadOnlyList<RefundStatusChanged> changes)
    {
        var localSubscribers = _localSubscribers;
        var views = _views;
        foreach (var change in changes)
        {
            RefundsTelemetry.Record(change);
            foreach (var subscriber in localSubscribers) await TellAsync(() => subscriber(change), change);
            foreach (var view in views) await TellAsync(() => view.OnChange(change), change);
        }
    }

    /// <summary>Tells this instance's views of a change another instance committed (and published there).</summary>
    public async Task DeliverFromOtherInstanceAsync(RefundStatusChanged change)
    {
        foreach (var view in _views) await TellAsync(() => view.OnChange(change), change);
    }

    /// <summary>Tells this instance's views that changes from other instances may have been lost (the link between instances dropped).</summary>
    public async Task ReportMissedChangesAsync()
    {
        foreach (var view in _views)
        {
            try
            {
                await view.OnMissedChanges();
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "A view failed to handle missed refund status changes");
            }
        }
    }

    private async Task TellAsync(Func<Task> tell, RefundStatusChanged change)
    {
        try
        {
            await tell();
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "A subscriber failed to handle the status change of refund {RefundId} to {Status}", change.RefundId, change.Status);
        }
    }

    private sealed record View(Func<RefundStatusChanged, Task> OnChange, Func<Task> OnMissedChanges);

    private sealed class Subscription(Action unsubscribe) : IDisposable
    {
        public void Dispose() => unsubscribe();
    }
}
