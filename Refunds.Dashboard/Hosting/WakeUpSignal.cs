namespace Refunds.Dashboard.Hosting;

/// <summary>
/// Wakes a background loop before its poll interval is up: wake-ups while it works or waits count as one,
/// so a burst of commits costs one extra pass, not one each.
/// </summary>
internal sealed class WakeUpSignal : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void WakeUp()
    {
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already woken.
        }
    }

    /// <summary>Until woken or <paramref name="timeout"/> passes.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);

    public void Dispose() => _signal.Dispose();
}
