namespace Refunds.Core.Webhooks;

/// <summary>
/// One event on its way to one endpoint: tried until the endpoint answers 2xx, on the retry schedule,
/// each attempt kept. The queue is the database: a delivery is leased by one worker instance at a time.
/// </summary>
public sealed class WebhookDelivery
{
    private readonly List<WebhookAttempt> _attempts = [];

    private WebhookDelivery()
    {
        EventType = null!;
        OwnerClientId = null!;
        Event = null!;
        Endpoint = null!;
    }

    internal WebhookDelivery(WebhookEvent @event, WebhookEndpoint endpoint, DateTimeOffset at)
        : this(@event.Id, @event.Type, @event.RefundId, endpoint.Id, endpoint.OwnerClientId, at)
    {
        Event = @event;
        Endpoint = endpoint;
    }

    private WebhookDelivery(Guid eventId, string eventType, Guid refundId, Guid endpointId, string ownerClientId, DateTimeOffset at)
    {
        Id = Guid.CreateVersion7(at);
        EventId = eventId;
        EndpointId = endpointId;
        OwnerClientId = ownerClientId;
        EventType = eventType;
        RefundId = refundId;
        Status = WebhookDeliveryStatus.Pending;
        CreatedAt = at;
        NextAttemptAt = at;
        Event = null!;
        Endpoint = null!;
    }

    /// <summary>
    /// The delivery of an event its own instance sent first, made when that attempt is recorded: it names the event
    /// and the endpoint by id only, since the event is not tracked where it is added (adding it would insert it again).
    /// </summary>
    internal static WebhookDelivery SentFirst(WebhookEvent @event, WebhookEndpoint endpoint, DateTimeOffset at) =>
        new(@event.Id, @event.Type, @event.RefundId, endpoint.Id, endpoint.OwnerClientId, at);

    public Guid Id { get; private set; }

    public Guid EventId { get; private set; }

    public WebhookEvent Event { get; private set; }

    public Guid EndpointId { get; private set; }

    public WebhookEndpoint Endpoint { get; private set; }

    /// <summary>The endpoint's owner, kept here so that a client's delivery log is read without a join.</summary>
    public string OwnerClientId { get; private set; }

    public string EventType { get; private set; }

    public Guid RefundId { get; private set; }

    public WebhookDeliveryStatus Status { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When it is next due; null once delivered or given up.</summary>
    public DateTimeOffset? NextAttemptAt { get; private set; }

    public DateTimeOffset? DeliveredAt { get; private set; }

    /// <summary>Attempts made on the retry schedule (a retry asked for by hand restarts it).</summary>
    public int ScheduledAttempts { get; private set; }

    public string? LeaseOwner { get; private set; }

    public DateTimeOffset? LeaseUntil { get; private set; }

    public long Version { get; private set; }

    public IReadOnlyList<WebhookAttempt> Attempts => _attempts;

    /// <summary>
    /// Takes the delivery for one sender until <paramref name="until"/>; false when it is not due or anyone holds
    /// it, this instance too (a Retry asked for by hand while the worker's pass sends it must not send it twice).
    /// </summary>
    internal bool TryLease(string owner, DateTimeOffset now, DateTimeOffset until)
    {
        if (Status != WebhookDeliveryStatus.Pending || NextAttemptAt > now) return false;
        if (LeaseUntil > now) return false;
        LeaseOwner = owner;
        LeaseUntil = until;
        Version++;
        return true;
    }

    internal bool IsLeasedBy(string owner, DateTimeOffset now) => LeaseOwner == owner && LeaseUntil > now;

    /// <summary>Leased but not sent (its turn came too late in the pass): due again at once.</summary>
    internal void ReleaseLease()
    {
        LeaseOwner = null;
        LeaseUntil = null;
        Version++;
    }

    /// <summary>Records an attempt; a failure is due again after the schedule's next wait, or fails for good when the schedule is spent.</summary>
    internal WebhookAttempt Record(WebhookResponse response, IReadOnlyList<TimeSpan> retrySchedule, Func<TimeSpan, TimeSpan> jitter)
    {
        var attempt = new WebhookAttempt(Id, response);
        _attempts.Add(attempt);
        ScheduledAttempts++;
        LeaseOwner = null;
        LeaseUntil = null;
        Version++;
        if (response.Succeeded)
        {
            Status = WebhookDeliveryStatus.Delivered;
            DeliveredAt = response.At;
            NextAttemptAt = null;
        }
        else if (ScheduledAttempts > retrySchedule.Count)
        {
            Status = WebhookDeliveryStatus.Failed;
            NextAttemptAt = null;
        }
        else
        {
            NextAttemptAt = response.At + jitter(retrySchedule[ScheduledAttempts - 1]);
        }
        return attempt;
    }

    /// <summary>Due again now, with the whole retry schedule ahead of it (a retry asked for by hand).</summary>
    internal void RetryNow(DateTimeOffset now)
    {
        Status = WebhookDeliveryStatus.Pending;
        NextAttemptAt = now;
        ScheduledAttempts = 0;
        DeliveredAt = null;
        LeaseOwner = null;
        LeaseUntil = null;
        Version++;
    }
}
