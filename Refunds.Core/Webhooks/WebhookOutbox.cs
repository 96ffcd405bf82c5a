using Microsoft.EntityFrameworkCore;
using Refunds.Core.Persistence;
using Refunds.Core.Refunds;

namespace Refunds.Core.Webhooks;

/// <summary>
/// Adds an event for every refund status change a unit of work made, to the same save and so the same
/// transaction: the change and its event commit together or not at all. This instance's worker is handed
/// the event too, to send it as soon as it is committed. An endpoint gets the events of the changes committed
/// while it is enabled; a unit of many changes that finds no endpoint enabled, where no other writer can enable
/// one before it commits, writes none (ADR-018, amended).
/// </summary>
public sealed class WebhookOutbox(IWebhookEventBody body, WebhookLocalEvents localEvents)
{
    // Asking is a query on the writer: for a few events it costs about what writing them does, and the worker settles
    // events nobody is told of in one statement. A payout file, a status report or a batch of thousands skips the
    // bodies and rows of all of them (bench figure 10).
    private const int AskForEndpointsFrom = 10;

    /// <summary>
    /// Called once a unit's work is done and before its changes are saved. <paramref name="writesAlone"/>: the unit's
    /// transaction holds the database's write lock throughout, so an endpoint it finds missing stays missing until it commits.
    /// </summary>
    internal async Task AddEventsAsync(RefundsDbContext db, bool writesAlone, CancellationToken cancellationToken)
    {
        // Listed first: adding the events changes what the change tracker holds.
        var refunds = db.UnitRefunds().Where(r => r.PendingChanges.Count > 0).ToList();
        if (writesAlone && refunds.Sum(r => r.PendingChanges.Count) >= AskForEndpointsFrom
            && !await db.WebhookEndpoints.AnyAsync(e => e.Enabled, cancellationToken))
            return;
        var events = new List<WebhookEvent>();
        foreach (var refund in refunds)
        {
            foreach (var change in refund.PendingChanges)
            {
                var type = WebhookEventTypes.Of(change);
                var @event = new WebhookEvent(change, type, body.Write(type, change.At, refund));
                events.Add(@event);
                localEvents.Keep(@event);
            }
        }
        // In one statement (or a few, for the thousands a payout file, a status report or a batch moves), not one a row
        // and not through the change tracker: a refund created set-based leaves SaveChanges nothing else to do (ADR-019).
        await SetBasedSave.InsertAsync(db, events, cancellationToken);
    }
}
