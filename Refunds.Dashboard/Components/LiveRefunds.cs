using Refunds.Core.Refunds;

namespace Refunds.Dashboard.Components;

/// <summary>
/// One circuit's subscription to refund status changes (the engine's notifier, raised after each
/// commit). Components listen here and reload; bursts (a bulk approval, the dispatcher draining the
/// queue) are folded into at most one notice per <see cref="Quiet"/>, so a page reloads a few times a
/// second at most, and never misses the last change.
/// </summary>
public sealed class LiveRefunds : IDisposable
{
    public static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(250);

    private readonly IDisposable _subscription;
    private readonly object _gate = new();
    private readonly List<RefundStatusChanged> _pending = [];
    private bool _scheduled;

    private readonly ILogger<LiveRefunds> _logger;

    public LiveRefunds(RefundStatusNotifier notifier, ILogger<LiveRefunds> logger)
    {
        _logger = logger;
        _subscription = notifier.Subscribe(OnChangeAsync);
    }

    /// <summary>Raised with the changes gathered since the last notice.</summary>
    public event Func<IReadOnlyList<RefundStatusChanged>, Task>? Changed;

    private Task OnChangeAsync(RefundStatusChanged change)
    {
        lock (_gate)
        {
            _pending.Add(change);
            if (_scheduled) return Task.CompletedTask;
            _scheduled = true;
        }
        _ = NotifyAfterQuietAsync();
        return Task.CompletedTask;
    }

    private async Task NotifyAfterQuietAsync()
    {
        await Task.Delay(Quiet);
        List<RefundStatusChanged> changes;
        lock (_gate)
        {
            changes = [.. _pending];
            _pending.Clear();
            _scheduled = false;
        }
        try
        {
            if (Changed is { } changed) await changed(changes);
        }
        catch (Exception ex)
        {
            // A page that failed to refresh keeps its last view; the next change tries again.
            _logger.LogWarning(ex, "A live view failed to refresh after {Count} refund status changes", changes.Count);
        }
    }

    public void Dispose() => _subscription.Dispose();
}
