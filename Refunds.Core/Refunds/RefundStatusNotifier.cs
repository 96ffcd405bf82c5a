using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Refunds.Core.Refunds;

/// <summary>
/// The one source of refund status events on this instance. The unit of work publishes the changes it
/// committed; with several instances, the changes the others committed are delivered here too (by the
/// dashboard's cluster relay). Two kinds of subscriber, so that each change reaches each of them once:
/// <list type="bullet">
/// <item>work done once per change wherever it was committed (the hub broadcast, whose backplane already
/// reaches every instance's clients; the event log; the relay itself) listens to this instance's commits;</item>
/// <item>views on this instance (pages) listen to every instance's, and are told when some may have been
/// missed, so they can read their data again.</item>
/// </list>
/// Publishing never waits for a subscriber: each subscriber has a bounded queue of its own, drained in the
/// background, so a slow one (a hub broadcast while Redis does not answer) delays neither the request that
/// committed nor the other subscribers. A subscriber that falls <see cref="QueueCapacity"/> changes behind
/// misses the changes that do not fit, with a warning in the log; a view is then told it missed changes.
/// </summary>
public sealed class RefundStatusNotifier(ILogger<RefundStatusNotifier> logger) : IDisposable
{
    /// <summary>How many changes may wait for one subscriber: ten of the largest batches a request may commit.</summary>
    public const int QueueCapacity = 10_000;

    private readonly ILogger _logger = logger;
    private readonly object _gate = new();
    private Subscriber[] _localSubscribers = [];
    private Subscriber[] _views = [];

    /// <summary>Calls <paramref name="subscriber"/> for every change committed by this instance until the returned handle is disposed.</summary>
    public IDisposable SubscribeToLocalCommits(Func<RefundStatusChanged, Task> subscriber) =>
        Add(ref _localSubscribers, new Subscriber(this, subscriber, onMissedChanges: null));

    /// <summary>
    /// Calls <paramref name="onChange"/> for every change committed by any instance, and
    /// <paramref name="onMissedChanges"/> when some may not have reached it (lost between instances, or
    /// dropped because it fell too far behind).
    /// </summary>
    public IDisposable SubscribeToAllInstances(Func<RefundStatusChanged, Task> onChange, Func<Task> onMissedChanges) =>
        Add(ref _views, new Subscriber(this, onChange, onMissedChanges));

    /// <summary>Queues the changes this instance committed for every subscriber, and returns at once.</summary>
    public void Publish(IReadOnlyList<RefundStatusChanged> changes)
    {
        foreach (var change in changes) RefundsTelemetry.Record(change);
        foreach (var subscriber in _localSubscribers) subscriber.Offer(changes);
        foreach (var view in _views) view.Offer(changes);
    }

    /// <summary>Queues a change another instance committed (and published there) for this instance's views.</summary>
    public void DeliverFromOtherInstance(RefundStatusChanged change)
    {
        foreach (var view in _views) view.Offer([change]);
    }

    /// <summary>Tells this instance's views that changes from other instances may have been lost (the link between instances dropped).</summary>
    public void ReportMissedChanges()
    {
        foreach (var view in _views) view.ReportMissedChanges();
    }

    /// <summary>Ends every subscription: nothing queued is delivered any more.</summary>
    public void Dispose()
    {
        Subscriber[] all;
        lock (_gate)
        {
            all = [.. _localSubscribers, .. _views];
            _localSubscribers = [];
            _views = [];
        }
        foreach (var subscriber in all) subscriber.End();
    }

    private IDisposable Add(ref Subscriber[] subscribers, Subscriber subscriber)
    {
        lock (_gate) subscribers = [.. subscribers, subscriber];
        return subscriber;
    }

    private void Remove(Subscriber subscriber)
    {
        lock (_gate)
        {
            _localSubscribers = [.. _localSubscribers.Where(s => s != subscriber)];
            _views = [.. _views.Where(v => v != subscriber)];
        }
    }

    /// <summary>One subscriber's queue and the loop that tells it, one change after another, each awaited.</summary>
    private sealed class Subscriber : IDisposable
    {
        private readonly RefundStatusNotifier _notifier;
        private readonly Func<RefundStatusChanged, Task> _onChange;
        private readonly Func<Task>? _onMissedChanges;
        // A null entry only wakes the loop to look at _missed.
        private readonly Channel<RefundStatusChanged?> _queue = Channel.CreateBounded<RefundStatusChanged?>(
            new BoundedChannelOptions(QueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        private int _missed;
        private volatile bool _ended;

        public Subscriber(RefundStatusNotifier notifier, Func<RefundStatusChanged, Task> onChange, Func<Task>? onMissedChanges)
        {
            _notifier = notifier;
            _onChange = onChange;
            _onMissedChanges = onMissedChanges;
            _ = Task.Run(DeliverAsync);
        }

        // TryWrite never waits: a full queue refuses, and the change is missed rather than the publisher held up.
        public void Offer(IReadOnlyList<RefundStatusChanged> changes)
        {
            foreach (var change in changes)
            {
                if (_queue.Writer.TryWrite(change)) continue;
                // The queue is full: the rest of these would not fit either.
                if (Interlocked.Exchange(ref _missed, 1) == 0 && !_ended)
                {
                    _notifier._logger.LogWarning(_onMissedChanges is null
                        ? "A subscriber to this instance's refund status changes is {Capacity} changes behind: further changes are not told to it until it catches up"
                        : "A live view is {Capacity} refund status changes behind: further changes are dropped, and it is told to read its data again once it catches up",
                        QueueCapacity);
                }
                return;
            }
        }

        public void ReportMissedChanges()
        {
            Interlocked.Exchange(ref _missed, 1);
            _queue.Writer.TryWrite(null);
        }

        public void Dispose()
        {
            End();
            _notifier.Remove(this);
        }

        public void End()
        {
            _ended = true;
            _queue.Writer.TryComplete();
        }

        private async Task DeliverAsync()
        {
            var reader = _queue.Reader;
            while (await reader.WaitToReadAsync())
            {
                while (!_ended && reader.TryRead(out var change))
                {
                    if (change is not null) await TellAsync(change);
                }
                if (_ended) return;
                if (Interlocked.Exchange(ref _missed, 0) == 1 && _onMissedChanges is not null) await TellMissedChangesAsync(_onMissedChanges);
            }
        }

        private async Task TellAsync(RefundStatusChanged change)
        {
            try
            {
                await _onChange(change);
            }
            catch (Exception ex)
            {
                _notifier._logger.LogWarning(ex, "A subscriber failed to handle the status change of refund {RefundId} to {Status}", change.RefundId, change.Status);
            }
        }

        private async Task TellMissedChangesAsync(Func<Task> onMissedChanges)
        {
            try
            {
                await onMissedChanges();
            }
            catch (Exception ex)
            {
                _notifier._logger.LogWarning(ex, "A view failed to handle missed refund status changes");
            }
        }
    }
}
