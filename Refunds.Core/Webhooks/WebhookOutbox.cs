using Refunds.Core.Persistence;
using Refunds.Core.Refunds;

namespace Refunds.Core.Webhooks;

/// <summary>
/// Adds an event for every refund status change a unit of work made, to the same save and so the same
/// transaction: the change and its event commit together or not at all. This instance's worker is handed
/// the event too, to send it as soon as it is committed.
/// </summary>
public sealed class WebhookOutbox(IWebhookEventBody body, WebhookLocalEvents localEvents)
{
    /// <summary>Called once a unit's work is done and before its changes are saved.</summary>
    internal async Task AddEventsAsync(RefundsDbContext db, CancellationToken cancellationToken)
    {
        // Listed first: adding the events changes what the change tracker holds.
        var refunds = db.UnitRefunds().Where(r => r.PendingChanges.Count > 0).ToList();
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
