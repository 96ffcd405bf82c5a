using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Refunds.Core.Access;
using Refunds.Core.Persistence;

namespace Refunds.Core.Webhooks;

/// <summary>
/// Delivers webhook events. The database is the queue: new events are first fanned out into one delivery
/// per endpoint that wants them; each delivery is then leased by one instance at a time, sent outside any
/// transaction, and its attempt recorded only while the lease still holds. A crash at any point leaves
/// the delivery to be sent again once its lease runs out, under the same <c>webhook-id</c>: receivers may
/// see a message more than once, never not at all.
/// </summary>
public sealed class WebhookDispatcher(
    IDbContextFactory<RefundsDbContext> contexts,
    UnitOfWork unitOfWork,
    WebhookSender sender,
    IOptionsMonitor<WebhookOptions> options,
    TimeProvider clock,
    ILogger<WebhookDispatcher> logger)
{
    private const int FanOutBatch = 500;

    // A pass takes a few rounds of this instance's sends, not the whole queue, so that every instance gets a share.
    private int PassSize => options.CurrentValue.Concurrency * 4;

    /// <summary>Names this instance on the leases it takes.</summary>
    public string Owner { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    /// <summary>Fans out new events and sends what is due, once; true when it took as much as a pass takes, so more may be waiting.</summary>
    public async Task<bool> DispatchDueAsync(CancellationToken cancellationToken = default)
    {
        var fannedOut = await FanOutAsync(cancellationToken);
        var now = clock.GetUtcNow();
        List<Guid> due;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            due = await db.WebhookDeliveries.AsNoTracking()
                .Where(d => d.Status == WebhookDeliveryStatus.Pending && d.NextAttemptAt <= now
                    && (d.LeaseUntil == null || d.LeaseUntil <= now) && d.Endpoint.Enabled)
                .OrderBy(d => d.NextAttemptAt)
                .Select(d => d.Id)
                .Take(PassSize)
                .ToListAsync(cancellationToken);
        }
        if (due.Count > 0) await DeliverAsync(due, cancellationToken);
        return fannedOut >= FanOutBatch || due.Count == PassSize;
    }

    /// <summary>Sends a delivery again now, signed with the endpoint's current secrets, whatever became of it before.</summary>
    public async Task<WebhookDelivery> RetryNowAsync(Actor actor, Guid deliveryId, CancellationToken cancellationToken = default)
    {
        WebhookAccess.RequireManage(actor);
        // Made due and leased in one transaction: the worker cannot take it in between and send it as well.
        var (leased, leasedAt) = await unitOfWork.RunAsync(async (db, ct) =>
        {
            var delivery = await db.WebhookDeliveries.Include(d => d.Event).Include(d => d.Endpoint).SingleOrDefaultAsync(d => d.Id == deliveryId, ct);
            if (delivery is null || !WebhookAccess.Sees(actor, delivery.OwnerClientId)) throw WebhookDeliveryLog.NotFound(deliveryId);
            if (!delivery.Endpoint.Enabled)
                throw new RuleViolation(ErrorCode.InvalidRequest, $"Webhook endpoint {delivery.EndpointId} is switched off; enable it before sending again.");
            var now = clock.GetUtcNow();
            delivery.RetryNow(now);
            delivery.TryLease(Owner, now, now + options.CurrentValue.LeaseDuration);
            return (new List<Message> { Message.Of(delivery, now) }, now);
        }, cancellationToken);
        await SendAndRecordAsync(leased, leasedAt, cancellationToken);
        await using var read = await contexts.CreateDbContextAsync(cancellationToken);
        return await read.WebhookDeliveries.AsNoTracking().Include(d => d.Event).Include(d => d.Attempts).SingleAsync(d => d.Id == deliveryId, cancellationToken);
    }

    // New events become one delivery per enabled endpoint that wants them. The event's version settles two
    // instances fanning out the same event: the second loses the race, and finds it done when run again.
    private Task<int> FanOutAsync(CancellationToken cancellationToken) =>
        unitOfWork.RunAsync(async (db, ct) =>
        {
            var endpoints = await db.WebhookEndpoints.Where(e => e.Enabled).ToListAsync(ct);
            // Nobody to tell: the events are marked in one statement, their bodies never loaded.
            if (endpoints.Count == 0)
                return await db.WebhookEvents.Where(e => e.AwaitsFanOut).ExecuteUpdateAsync(set => set.SetProperty(e => e.AwaitsFanOut, false), ct);
            var events = await db.WebhookEvents.Where(e => e.AwaitsFanOut).OrderBy(e => e.Id).Take(FanOutBatch).ToListAsync(ct);
            if (events.Count == 0) return 0;
            var now = clock.GetUtcNow();
            foreach (var @event in events)
            {
                foreach (var endpoint in endpoints.Where(e => e.Wants(@event.Type)))
                    db.WebhookDeliveries.Add(new WebhookDelivery(@event, endpoint, now));
                @event.MarkFannedOut();
            }
            return events.Count;
        }, cancellationToken);

    private async Task DeliverAsync(List<Guid> ids, CancellationToken cancellationToken)
    {
        var (leased, leasedAt) = await LeaseAsync(ids, cancellationToken);
        await SendAndRecordAsync(leased, leasedAt, cancellationToken);
    }

    private async Task SendAndRecordAsync(List<Message> leased, DateTimeOffset leasedAt, CancellationToken cancellationToken)
    {
        if (leased.Count == 0) return;
        // A message whose turn comes after half the lease is gone is left to the next pass (its lease given back):
        // its attempt must be recorded while the lease still holds, or another instance may send it at the same time.
        var startBy = leasedAt + options.CurrentValue.LeaseDuration / 2;
        var outcomes = new List<Outcome>(leased.Count);
        await Parallel.ForEachAsync(leased,
            new ParallelOptions { MaxDegreeOfParallelism = options.CurrentValue.Concurrency, CancellationToken = cancellationToken },
            async (message, ct) =>
            {
                var response = clock.GetUtcNow() > startBy
                    ? null
                    : await sender.SendAsync(message.Url, message.WebhookId, message.Body, message.Secrets, ct);
                lock (outcomes) outcomes.Add(new Outcome(message.DeliveryId, response));
            });
        await RecordAsync(outcomes, cancellationToken);
    }

    private Task<(List<Message> Leased, DateTimeOffset At)> LeaseAsync(List<Guid> ids, CancellationToken cancellationToken) =>
        unitOfWork.RunAsync(async (db, ct) =>
        {
            var deliveries = await db.WebhookDeliveries.Include(d => d.Event).Include(d => d.Endpoint)
                .Where(d => ids.Contains(d.Id)).ToListAsync(ct);
            var now = clock.GetUtcNow();
            var until = now + options.CurrentValue.LeaseDuration;
            var leased = deliveries.Where(d => d.Endpoint.Enabled && d.TryLease(Owner, now, until)).Select(d => Message.Of(d, now)).ToList();
            return (leased, now);
        }, cancellationToken);

    private async Task RecordAsync(List<Outcome> outcomes, CancellationToken cancellationToken)
    {
        if (outcomes.Count == 0) return;
        try
        {
            await RecordTogetherAsync(outcomes, cancellationToken);
            return;
        }
        catch (Exception ex) when (ex is not OperationCanceledException && outcomes.Count > 1)
        {
            logger.LogWarning(ex, "Recording {Count} webhook attempts together failed; recording them one at a time", outcomes.Count);
        }
        foreach (var outcome in outcomes)
        {
            try
            {
                await RecordTogetherAsync([outcome], cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Left to its lease running out: it is sent again, under the same webhook-id.
                logger.LogError(ex, "Recording the attempt of webhook delivery {DeliveryId} failed; it will be sent again", outcome.DeliveryId);
            }
        }
    }

    private Task RecordTogetherAsync(List<Outcome> outcomes, CancellationToken cancellationToken) =>
        unitOfWork.RunAsync(async (db, ct) =>
        {
            var ids = outcomes.Select(o => o.DeliveryId).ToList();
            var deliveries = await db.WebhookDeliveries.Include(d => d.Endpoint).Where(d => ids.Contains(d.Id)).ToDictionaryAsync(d => d.Id, ct);
            var settings = options.CurrentValue;
            var now = clock.GetUtcNow();
            foreach (var outcome in outcomes)
            {
                // Deleted with its endpoint meanwhile, or another instance took over after our lease ran out.
                if (!deliveries.TryGetValue(outcome.DeliveryId, out var delivery) || !delivery.IsLeasedBy(Owner, now)) continue;
                if (outcome.Response is not { } response)
                {
                    delivery.ReleaseLease();
                    continue;
                }
                db.WebhookAttempts.Add(delivery.Record(response, settings.RetrySchedule, Jitter));
                var endpoint = delivery.Endpoint;
                if (response.Succeeded)
                {
                    endpoint.RecordSuccess(response.At);
                    continue;
                }
                // 410: the receiver says the endpoint is gone for good.
                if (response.Gone && endpoint.Enabled) endpoint.Disable("The endpoint answered 410 Gone.", now);
                if (endpoint.RecordFailure(response.At, settings.DisableAfter))
                    logger.LogWarning("Webhook endpoint {EndpointId} was switched off: no successful delivery for {Days} days", endpoint.Id, settings.DisableAfter.TotalDays);
            }
            return outcomes.Count;
        }, cancellationToken);

    // Up to a fifth either way, so that the retries of a burst of failures do not all arrive at once.
    private static TimeSpan Jitter(TimeSpan wait) => wait * (0.8 + 0.4 * Random.Shared.NextDouble());

    /// <summary>What sending one delivery needs, read under its lease.</summary>
    private sealed record Message(Guid DeliveryId, string Url, string WebhookId, string Body, IReadOnlyList<string> Secrets)
    {
        public static Message Of(WebhookDelivery delivery, DateTimeOffset now) =>
            new(delivery.Id, delivery.Endpoint.Url, delivery.Event.WebhookId, delivery.Event.Body, delivery.Endpoint.SecretsInForce(now));
    }

    /// <summary>What came of sending a leased delivery; no response when it was not sent.</summary>
    private sealed record Outcome(Guid DeliveryId, WebhookResponse? Response);
}
