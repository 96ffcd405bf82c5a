using Microsoft.Extensions.Options;

namespace Refunds.Core.Webhooks;

/// <summary>
/// The events this instance's units of work wrote lately, kept in memory with their bodies (ADR-018). An
/// event is this instance's to send first for half a lease from when it occurred: its worker sends it as
/// soon as it is committed, without a unit of work on the writer to claim it or a read of its body, and no
/// other instance takes it before a whole lease has passed. An event never taken from here (its unit rolled
/// back, the instance stopped, or this was full) is left to whichever instance finds it once that lease is up.
/// </summary>
public sealed class WebhookLocalEvents(IOptionsMonitor<WebhookOptions> options)
{
    // Bounds the memory a worker that falls behind (or an instance without one) holds in bodies; past it,
    // events are sent a lease later by the shared path instead.
    internal const int Capacity = 20_000;

    private readonly Lock _gate = new();
    private List<WebhookEvent> _events = [];

    /// <summary>Called before the event's unit commits: it may yet roll back, and is not sent until it is found committed.</summary>
    internal void Keep(WebhookEvent @event)
    {
        if (!options.CurrentValue.WorkerEnabled) return;
        lock (_gate)
        {
            if (_events.Count < Capacity) _events.Add(@event);
        }
    }

    /// <summary>
    /// Those kept that may still be sent from here at <paramref name="now"/>; those too old for that are forgotten
    /// (the shared path sends them, if they were committed).
    /// </summary>
    internal List<WebhookEvent> Sendable(DateTimeOffset now)
    {
        var sendableFrom = now - options.CurrentValue.LeaseDuration / 2;
        lock (_gate)
        {
            _events.RemoveAll(e => e.OccurredAt <= sendableFrom);
            return [.. _events];
        }
    }

    /// <summary>Taken to be sent (or found settled): not offered again.</summary>
    internal void Forget(IReadOnlyCollection<Guid> eventIds)
    {
        if (eventIds.Count == 0) return;
        var forgotten = eventIds as ISet<Guid> ?? eventIds.ToHashSet();
        lock (_gate) _events = _events.Where(e => !forgotten.Contains(e.Id)).ToList();
    }

    /// <summary>Nobody to tell: whatever is kept is settled by the shared path, bodies unread.</summary>
    internal void ForgetAll()
    {
        lock (_gate) _events = [];
    }
}
