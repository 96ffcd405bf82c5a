using Refunds.Core.Refunds;

namespace Refunds.Dashboard.Components;

/// <summary>
/// One circuit's subscription to refund status changes committed by any instance (the engine's
/// notifier). Components listen here and reload; bursts (a bulk approval, the dispatcher draining the
/// queue) are folded into at most one notice per <see cref="Quiet"/>, and the next notice waits until
/// every view has handled the last, so a page reloads a few times a second at most, never twice at
/// once, and never misses the last change. Each component's handler is awaited on its own; one
/// that fails is logged and the others still run.
/// </summary>
public sealed class LiveRefunds : IDisposable
{
    public static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(250);

    private readonly IDisposable _subscription;
    private readonly object _gate = new();
    private readonly List<RefundStatusChanged> _pending = [];
    private Func<Notice, Task>[] _handlers = [];
    private bool _missed;
    private bool _scheduled;

    private readonly ILogger<LiveRefunds> _logger;

    public LiveRefunds(RefundStatusNotifier notifier, ILogger<LiveRefunds> logger)
    {
        _logger = logger;
        _subscription = notifier.SubscribeToAllInstances(OnChangeAsync, OnMissedChangesAsync);
    }

    /// <summary>Calls <paramref name="onChanged"/> with the changes gathered since the last notice, until the returned handle is disposed.</summary>
    public IDisposable Subscribe(Func<Notice, Task> onChanged)
    {
        lock (_gate) _handlers = [.. _handlers, onChanged];
        return new Subscription(() => { lock (_gate) _handlers = [.. _handlers.Where(h => h != onChanged)]; });
    }

    /// <summary>
    /// What moved since the last notice. When changes from other instances may have been lost (the link
    /// between instances dropped), every view counts as concerned and reads its data again.
    /// </summary>
    public sealed record Notice(IReadOnlyList<RefundStatusChanged> Changes, bool MayHaveMissedChanges)
    {
        public bool Concerns(Guid refundId) => MayHaveMissedChanges || Changes.Any(c => c.RefundId == refundId);
    }

    private Task OnChangeAsync(RefundStatusChanged change) => Gather(() => _pending.Add(change));

    private Task OnMissedChangesAsync() => Gather(() => _missed = true);

    private Task Gather(Action add)
    {
        lock (_gate)
        {
            add();
            if (_scheduled) return Task.CompletedTask;
            _scheduled = true;
        }
        _ = NotifyAfterQuietAsync();
        return Task.CompletedTask;
    }

    private async Task NotifyAfterQuietAsync()
    {
        while (true)
        {
            await Task.Delay(Quiet);
            Notice notice;
            Func<Notice, Task>[] handlers;
            lock (_gate)
            {
                notice = new Notice([.. _pending], _missed);
                _pending.Clear();
                _missed = false;
                handlers = _handlers;
            }
            foreach (var handler in handlers)
            {
                try
                {
                    await handler(notice);
                }
                catch (Exception ex)
                {
                    // A component that failed to refresh keeps its last view; the next change tries again.
                    _logger.LogWarning(ex, "A live view failed to refresh after {Count} refund status changes", notice.Changes.Count);
                }
            }
            // One notice in flight at a time: changes that came while the views reloaded make the next
            // one. Reloads slower than the quiet time (a large data set, a busy server) then space
            // themselves out instead of piling up on each other.
            lock (_gate)
            {
                if (_pending.Count == 0 && !_missed)
                {
                    _scheduled = false;
                    return;
                }
            }
        }
    }

    public void Dispose() => _subscription.Dispose();

    private sealed class Subscription(Action unsubscribe) : IDisposable
    {
        public void Dispose() => unsubscribe();
    }
}
