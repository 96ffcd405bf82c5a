using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Refunds.Core.Access;
using Refunds.Core.Persistence;

namespace Refunds.Core.Webhooks;

/// <summary>
/// Delivers webhook events. The database is the queue. An event this instance committed is sent by it
/// first, as soon as it is committed, to every enabled endpoint that wants it (<see cref="WebhookLocalEvents"/>):
/// no other instance takes it for a lease's time. Its delivery is written when that attempt is recorded. Any
/// other event still waiting after a lease (its instance died before recording) is fanned out into one delivery
/// per endpoint; deliveries due again (retries) are leased by one instance at a time. Every message is sent
/// outside any transaction, and its attempt recorded only while its lease still holds. A crash at any point
/// leaves the message to be sent again once its lease runs out, under the same <c>webhook-id</c>: receivers may
/// see a message more than once, never not at all.
/// </summary>
public sealed class WebhookDispatcher(
    IDbContextFactory<RefundsDbContext> contexts,
    UnitOfWork unitOfWork,
    WebhookSender sender,
    WebhookLocalEvents localEvents,
    IOptionsMonitor<WebhookOptions> options,
    TimeProvider clock,
    ILogger<WebhookDispatcher> logger)
{
    private const int FanOutBatch = 500;

    private readonly SemaphoreSlim _recorder = new(1, 1);
    private readonly Lock _waitingGate = new();
    private List<(Recording Recording, TaskCompletionSource Recorded)> _waiting = [];

    // A pass takes a few rounds of this instance's sends, not the whole queue, so that every instance gets a share.
    private int PassSize => options.CurrentValue.Concurrency * 4;

    /// <summary>Names this instance on the leases it takes.</summary>
    public string Owner { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    /// <summary>Sends what is due, once, and records what came of it; true when it took as much as a pass takes, so more may be waiting.</summary>
    public async Task<bool> DispatchDueAsync(CancellationToken cancellationToken = default)
    {
        var pass = await SendDueAsync(cancellationToken);
        await pass.Recorded;
        return pass.MoreWaiting;
    }

    /// <summary>
    /// Sends what is due, once: this instance's newly committed events first, then events left waiting and deliveries
    /// due again. Their attempts are recorded by <see cref="WebhookPass.Recorded"/>, which the next pass need not wait
    /// for: recording is a unit of work on the writer, where it may queue behind others' work.
    /// </summary>
    public async Task<WebhookPass> SendDueAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var leftSince = now - options.CurrentValue.LeaseDuration;
        List<WebhookEndpoint> endpoints;
        List<WebhookEvent> committed;
        // Read outside the writer: a pass with nothing to fan out or lease takes no unit of work before it sends.
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            endpoints = await db.WebhookEndpoints.AsNoTracking().Where(e => e.Enabled).ToListAsync(cancellationToken);
            committed = await CommittedLocalEventsAsync(db, endpoints.Count > 0, now, cancellationToken);
        }
        var firstOutcomes = await SendAsync(FirstMessages(committed, endpoints), cancellationToken);

        // Then what is left to others: events left waiting a lease (or with nobody to tell), and deliveries due again.
        int fannedOut;
        List<Guid> due;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            var toFanOut = await db.WebhookEvents.AnyAsync(e => e.AwaitsFanOut && (endpoints.Count == 0 || e.OccurredAt <= leftSince), cancellationToken);
            fannedOut = toFanOut ? await FanOutAsync(leftSince, cancellationToken) : 0;
            due = await db.WebhookDeliveries.AsNoTracking()
                .Where(d => d.Status == WebhookDeliveryStatus.Pending && d.NextAttemptAt <= now
                    && (d.LeaseUntil == null || d.LeaseUntil <= now) && d.Endpoint.Enabled)
                .OrderBy(d => d.NextAttemptAt)
                .Select(d => d.Id)
                .Take(PassSize)
                .ToListAsync(cancellationToken);
        }
        var leasedOutcomes = due.Count > 0 ? await SendAsync(await LeaseAsync(due, cancellationToken), cancellationToken) : [];

        var recorded = committed.Count > 0 || leasedOutcomes.Count > 0
            ? RecordWithOthersAsync(new Recording(committed, [.. firstOutcomes, .. leasedOutcomes]), cancellationToken)
            : Task.CompletedTask;
        return new WebhookPass(recorded, fannedOut >= FanOutBatch || due.Count == PassSize);
    }

    /// <summary>Sends a delivery again now, signed with the endpoint's current secrets, whatever became of it before.</summary>
    public async Task<WebhookDelivery> RetryNowAsync(Actor actor, Guid deliveryId, CancellationToken cancellationToken = default)
    {
        WebhookAccess.RequireManage(actor);
        // Made due and leased in one transaction: the worker cannot take it in between and send it as well.
        var leased = await unitOfWork.RunAsync(async (db, ct) =>
        {
            var delivery = await db.WebhookDeliveries.Include(d => d.Event).Include(d => d.Endpoint).SingleOrDefaultAsync(d => d.Id == deliveryId, ct);
            if (delivery is null || !WebhookAccess.Sees(actor, delivery.OwnerClientId)) throw WebhookDeliveryLog.NotFound(deliveryId);
            if (!delivery.Endpoint.Enabled)
                throw new RuleViolation(ErrorCode.InvalidRequest, $"Webhook endpoint {delivery.EndpointId} is switched off; enable it before sending again.");
            var now = clock.GetUtcNow();
            delivery.RetryNow(now);
            delivery.TryLease(Owner, now, now + options.CurrentValue.LeaseDuration);
            return new List<Message> { Message.Leased(delivery, now, now + options.CurrentValue.LeaseDuration / 2) };
        }, cancellationToken);
        await RecordAsync(new Recording([], await SendAsync(leased, cancellationToken)), cancellationToken);
        await using var read = await contexts.CreateDbContextAsync(cancellationToken);
        return await read.WebhookDeliveries.AsNoTracking().Include(d => d.Event).Include(d => d.Attempts).SingleAsync(d => d.Id == deliveryId, cancellationToken);
    }

    // This instance's events found committed and still waiting; taken, so that no later pass sends them again. With
    // nobody to tell they are all forgotten: the fan-out settles them in one statement.
    private async Task<List<WebhookEvent>> CommittedLocalEventsAsync(RefundsDbContext db, bool anyEndpoint, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!anyEndpoint)
        {
            localEvents.ForgetAll();
            return [];
        }
        var kept = localEvents.Sendable(now);
        if (kept.Count == 0) return [];
        var ids = kept.Select(e => e.Id).ToList();
        var waiting = (await db.WebhookEvents.Where(e => ids.Contains(e.Id) && e.AwaitsFanOut).Select(e => e.Id).ToListAsync(cancellationToken)).ToHashSet();
        localEvents.Forget(waiting);
        return kept.Where(e => waiting.Contains(e.Id)).ToList();
    }

    // Half the lease the event's age stands for: the attempt is recorded before another instance may take the event.
    private List<Message> FirstMessages(List<WebhookEvent> events, List<WebhookEndpoint> endpoints)
    {
        var startWithin = options.CurrentValue.LeaseDuration / 2;
        var now = clock.GetUtcNow();
        return events.SelectMany(@event => endpoints.Where(e => e.Wants(@event.Type)).Select(endpoint => Message.First(@event, endpoint, now, @event.OccurredAt + startWithin))).ToList();
    }

    // Events left waiting a lease (their instance did not record them) become one delivery per enabled endpoint that wants
    // them; with no endpoint enabled, every waiting event is settled. The event's version settles two instances fanning out
    // the same event: the second loses the race, and finds it done when run again.
    private Task<int> FanOutAsync(DateTimeOffset leftSince, CancellationToken cancellationToken) =>
        unitOfWork.RunAsync(async (db, ct) =>
        {
            var endpoints = await db.WebhookEndpoints.Where(e => e.Enabled).ToListAsync(ct);
            // Nobody to tell: the events are marked in one statement, their bodies never loaded.
            if (endpoints.Count == 0)
                return await db.WebhookEvents.Where(e => e.AwaitsFanOut).ExecuteUpdateAsync(set => set.SetProperty(e => e.AwaitsFanOut, false), ct);
            var events = await db.WebhookEvents.Where(e => e.AwaitsFanOut && e.OccurredAt <= leftSince).OrderBy(e => e.Id).Take(FanOutBatch).ToListAsync(ct);
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

    private Task<List<Message>> LeaseAsync(List<Guid> ids, CancellationToken cancellationToken) =>
        unitOfWork.RunAsync(async (db, ct) =>
        {
            var deliveries = await db.WebhookDeliveries.Include(d => d.Event).Include(d => d.Endpoint)
                .Where(d => ids.Contains(d.Id)).ToListAsync(ct);
            var now = clock.GetUtcNow();
            var lease = options.CurrentValue.LeaseDuration;
            return deliveries.Where(d => d.Endpoint.Enabled && d.TryLease(Owner, now, now + lease)).Select(d => Message.Leased(d, now, now + lease / 2)).ToList();
        }, cancellationToken);

    // A message whose turn comes after its start-by time is not sent (its lease given back, or its delivery made due):
    // its attempt must be recorded while the lease still holds, or another instance may send it at the same time.
    private async Task<List<Outcome>> SendAsync(List<Message> messages, CancellationToken cancellationToken)
    {
        var outcomes = new List<Outcome>(messages.Count);
        if (messages.Count == 0) return outcomes;
        await Parallel.ForEachAsync(messages,
            new ParallelOptions { MaxDegreeOfParallelism = options.CurrentValue.Concurrency, CancellationToken = cancellationToken },
            async (message, ct) =>
            {
                var response = clock.GetUtcNow() > message.StartBy
                    ? null
                    : await sender.SendAsync(message.Url, message.WebhookId, message.Body, message.Secrets, ct);
                lock (outcomes) outcomes.Add(new Outcome(message, response));
            });
        return outcomes;
    }

    // Passes' recordings waiting for the writer are recorded together: while one unit of work records, what later passes
    // sent waits, and the next unit takes all of it. Under load the worker adds a unit to the writer's queue per a few
    // passes, not per pass, and an idle one records each pass at once.
    private async Task RecordWithOthersAsync(Recording recording, CancellationToken cancellationToken)
    {
        var recorded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waitingGate) _waiting.Add((recording, recorded));
        await _recorder.WaitAsync(cancellationToken);
        try
        {
            List<(Recording Recording, TaskCompletionSource Recorded)> taken;
            lock (_waitingGate) (taken, _waiting) = (_waiting, []);
            if (taken.Count > 0)
            {
                try
                {
                    await RecordAsync(new Recording([.. taken.SelectMany(t => t.Recording.Events)], [.. taken.SelectMany(t => t.Recording.Outcomes)]),
                        cancellationToken);
                    foreach (var (_, done) in taken) done.TrySetResult();
                }
                catch (Exception ex)
                {
                    foreach (var (_, done) in taken) done.TrySetException(ex);
                }
            }
        }
        finally
        {
            _recorder.Release();
        }
        await recorded.Task;
    }

    private async Task RecordAsync(Recording recording, CancellationToken cancellationToken)
    {
        try
        {
            await RecordTogetherAsync(recording, cancellationToken);
            return;
        }
        catch (Exception ex) when (ex is not OperationCanceledException && recording.Size > 1)
        {
            logger.LogWarning(ex, "Recording {Count} webhook attempts together failed; recording them one at a time", recording.Size);
        }
        foreach (var part in recording.Split())
        {
            try
            {
                await RecordTogetherAsync(part, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Left to its lease running out: it is sent again, under the same webhook-id.
                logger.LogError(ex, "Recording the attempts of webhook event {EventId} failed; it will be sent again", part.Outcomes.FirstOrDefault()?.Message.EventId);
            }
        }
    }

    private Task RecordTogetherAsync(Recording recording, CancellationToken cancellationToken) =>
        unitOfWork.RunAsync(async (db, ct) =>
        {
            var endpointIds = recording.Outcomes.Select(o => o.Message.EndpointId).Distinct().ToList();
            var endpoints = await db.WebhookEndpoints.Where(e => endpointIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
            var leasedIds = recording.Outcomes.Select(o => o.Message.DeliveryId).OfType<Guid>().ToList();
            var leased = leasedIds.Count == 0
                ? []
                : await db.WebhookDeliveries.Where(d => leasedIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, ct);
            var made = await MarkFannedOutAsync(db, recording.Events, ct);
            var settings = options.CurrentValue;
            var now = clock.GetUtcNow();
            var sentFirst = new List<WebhookDelivery>();
            foreach (var (message, response) in recording.Outcomes)
            {
                // Deleted meanwhile (a delivery goes with its endpoint).
                if (!endpoints.TryGetValue(message.EndpointId, out var endpoint)) continue;
                if (message.DeliveryId is { } deliveryId)
                {
                    // Another instance took over after our lease ran out.
                    if (!leased.TryGetValue(deliveryId, out var delivery) || !delivery.IsLeasedBy(Owner, now)) continue;
                    if (response is null)
                    {
                        delivery.ReleaseLease();
                        continue;
                    }
                    db.WebhookAttempts.Add(delivery.Record(response, settings.RetrySchedule, Jitter));
                }
                else if (made.TryGetValue((message.EventId, message.EndpointId), out var existing))
                {
                    // Fanned out by another instance meanwhile, which this one was too slow to prevent: its delivery is that
                    // instance's to send; the attempt made here is kept in its log.
                    if (response is null) continue;
                    db.WebhookAttempts.Add(new WebhookAttempt(existing, response));
                }
                else
                {
                    var delivery = WebhookDelivery.SentFirst(message.Event!, endpoint, response?.At ?? now);
                    // Not sent (its turn came too late): due now, for whichever instance leases it.
                    if (response is not null) delivery.Record(response, settings.RetrySchedule, Jitter);
                    sentFirst.Add(delivery);
                }
                if (response is not null) Count(endpoint, response, settings, now);
            }
            // The deliveries and their attempts go in a statement or two, not one a row (ADR-019): this unit queues on the
            // writer with the units that made the events, a pass's worth of them at a time.
            await SetBasedSave.InsertAsync(db, sentFirst, ct);
            await SetBasedSave.InsertAsync(db, sentFirst.SelectMany(d => d.Attempts).ToList(), ct);
            return recording.Size;
        }, cancellationToken);

    // The events sent first from here are marked in one statement, their bodies not loaded; the deliveries another
    // instance made of them meanwhile, by event and endpoint. A race with one doing so now fails this unit
    // on the unique (event, endpoint) index, and it is run again.
    private static async Task<Dictionary<(Guid EventId, Guid EndpointId), Guid>> MarkFannedOutAsync(
        RefundsDbContext db, IReadOnlyList<WebhookEvent> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0) return [];
        var ids = events.Select(e => e.Id).ToList();
        var marked = await db.WebhookEvents.Where(e => ids.Contains(e.Id) && e.AwaitsFanOut)
            .ExecuteUpdateAsync(set => set.SetProperty(e => e.AwaitsFanOut, false).SetProperty(e => e.Version, e => e.Version + 1), cancellationToken);
        if (marked == ids.Count) return [];
        return await db.WebhookDeliveries.Where(d => ids.Contains(d.EventId))
            .ToDictionaryAsync(d => (d.EventId, d.EndpointId), d => d.Id, cancellationToken);
    }

    // What an answer says of its endpoint: 410 switches it off; so do days without a success.
    private void Count(WebhookEndpoint endpoint, WebhookResponse response, WebhookOptions settings, DateTimeOffset now)
    {
        if (response.Succeeded)
        {
            endpoint.RecordSuccess(response.At);
            return;
        }
        // 410: the receiver says the endpoint is gone for good.
        if (response.Gone && endpoint.Enabled) endpoint.Disable("The endpoint answered 410 Gone.", now);
        if (endpoint.RecordFailure(response.At, settings.DisableAfter))
            logger.LogWarning("Webhook endpoint {EndpointId} was switched off: no successful delivery for {Days} days", endpoint.Id, settings.DisableAfter.TotalDays);
    }

    // Up to a fifth either way, so that the retries of a burst of failures do not all arrive at once.
    private static TimeSpan Jitter(TimeSpan wait) => wait * (0.8 + 0.4 * Random.Shared.NextDouble());

    /// <summary>
    /// What sending one message needs: a leased delivery's (<see cref="DeliveryId"/>), or the first of an event this
    /// instance committed (<see cref="Event"/>, its delivery not yet written); not sent after <see cref="StartBy"/>.
    /// </summary>
    private sealed record Message(Guid? DeliveryId, WebhookEvent? Event, Guid EventId, Guid EndpointId, string Url, string WebhookId, string Body,
        IReadOnlyList<string> Secrets, DateTimeOffset StartBy)
    {
        public static Message Leased(WebhookDelivery delivery, DateTimeOffset now, DateTimeOffset startBy) =>
            new(delivery.Id, null, delivery.EventId, delivery.EndpointId, delivery.Endpoint.Url, delivery.Event.WebhookId, delivery.Event.Body,
                delivery.Endpoint.SecretsInForce(now), startBy);

        public static Message First(WebhookEvent @event, WebhookEndpoint endpoint, DateTimeOffset now, DateTimeOffset startBy) =>
            new(null, @event, @event.Id, endpoint.Id, endpoint.Url, @event.WebhookId, @event.Body, endpoint.SecretsInForce(now), startBy);
    }

    /// <summary>What came of sending a message; no response when it was not sent.</summary>
    private sealed record Outcome(Message Message, WebhookResponse? Response);

    /// <summary>What one unit of work records: the events this instance sent first (all of them marked fanned out), and the outcomes of a pass.</summary>
    private sealed record Recording(IReadOnlyList<WebhookEvent> Events, IReadOnlyList<Outcome> Outcomes)
    {
        public int Size => Events.Count + Outcomes.Count(o => o.Message.DeliveryId is not null);

        /// <summary>One recording per event, and one per leased delivery: a failure of one leaves the others recorded.</summary>
        public IEnumerable<Recording> Split()
        {
            var firsts = Outcomes.Where(o => o.Message.DeliveryId is null).ToLookup(o => o.Message.EventId);
            return Events.Select(e => new Recording([e], firsts[e.Id].ToList()))
                .Concat(Outcomes.Where(o => o.Message.DeliveryId is not null).Select(o => new Recording([], [o])));
        }
    }
}

/// <summary>A pass's sends are done; <see cref="Recorded"/> completes when their attempts are recorded.</summary>
public sealed record WebhookPass(Task Recorded, bool MoreWaiting);
