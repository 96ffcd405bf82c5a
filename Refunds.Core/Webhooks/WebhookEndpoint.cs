namespace Refunds.Core.Webhooks;

/// <summary>
/// Where one integration client wants refund events sent, which of them, signed with which secret, and how
/// deliveries there have gone lately. It belongs to the client that registered it.
/// </summary>
public sealed class WebhookEndpoint
{
    private WebhookEndpoint()
    {
        OwnerClientId = null!;
        Url = null!;
        Secret = null!;
        EventTypes = [];
    }

    internal WebhookEndpoint(string ownerClientId, Uri url, IReadOnlyList<string> eventTypes, string? description, DateTimeOffset at)
    {
        Id = Guid.CreateVersion7(at);
        OwnerClientId = ownerClientId;
        Url = url.AbsoluteUri;
        EventTypes = [.. eventTypes];
        Description = description;
        Enabled = true;
        Secret = WebhookSecret.New();
        CreatedAt = at;
        UpdatedAt = at;
    }

    public Guid Id { get; private set; }

    /// <summary>The client id of the integration that registered it; only it sees and changes it over the API.</summary>
    public string OwnerClientId { get; private set; }

    public string Url { get; private set; }

    /// <summary>The event types sent here; empty means all of them.</summary>
    public List<string> EventTypes { get; private set; }

    public string? Description { get; private set; }

    public bool Enabled { get; private set; }

    /// <summary>Why it was switched off (by its owner, an operator, a 410 answer or days without success); null while enabled.</summary>
    public string? DisabledReason { get; private set; }

    /// <summary>The secret every delivery is signed with.</summary>
    public string Secret { get; private set; }

    /// <summary>The secret before the last rotation, still signed with until <see cref="PreviousSecretExpiresAt"/>.</summary>
    public string? PreviousSecret { get; private set; }

    public DateTimeOffset? PreviousSecretExpiresAt { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>When a delivery here last got a 2xx answer.</summary>
    public DateTimeOffset? LastSuccessAt { get; private set; }

    /// <summary>Failed attempts since the last success.</summary>
    public int FailureStreak { get; private set; }

    /// <summary>The first failed attempt since the last success (or since it was registered); null when the last attempt succeeded.</summary>
    public DateTimeOffset? FailingSince { get; private set; }

    public long Version { get; private set; }

    public bool Wants(string eventType) => EventTypes.Count == 0 || EventTypes.Contains(eventType);

    /// <summary>The secrets a delivery made at <paramref name="now"/> is signed with: the current one, and the previous one while it is in force.</summary>
    public IReadOnlyList<string> SecretsInForce(DateTimeOffset now) =>
        PreviousSecret is { } previous && PreviousSecretExpiresAt > now ? [Secret, previous] : [Secret];

    internal void Change(Uri? url, IReadOnlyList<string>? eventTypes, string? description, DateTimeOffset at)
    {
        if (url is not null) Url = url.AbsoluteUri;
        if (eventTypes is not null) EventTypes = [.. eventTypes];
        if (description is not null) Description = description;
        Touch(at);
    }

    internal void Enable(DateTimeOffset at)
    {
        Enabled = true;
        DisabledReason = null;
        // A fresh start: the days without success count from now, not from before it was switched off.
        FailingSince = FailureStreak > 0 ? at : null;
        Touch(at);
    }

    internal void Disable(string reason, DateTimeOffset at)
    {
        Enabled = false;
        DisabledReason = reason;
        Touch(at);
    }

    /// <summary>A new secret; the old one stays in force for <paramref name="overlap"/>, so receivers can switch without missing a message.</summary>
    internal string RotateSecret(TimeSpan overlap, DateTimeOffset at)
    {
        PreviousSecret = Secret;
        PreviousSecretExpiresAt = at + overlap;
        Secret = WebhookSecret.New();
        Touch(at);
        return Secret;
    }

    internal void RecordSuccess(DateTimeOffset at)
    {
        LastSuccessAt = at;
        FailureStreak = 0;
        FailingSince = null;
        Version++;
    }

    /// <summary>Counts a failed attempt; true when the endpoint has gone <paramref name="disableAfter"/> without a success and was switched off.</summary>
    internal bool RecordFailure(DateTimeOffset at, TimeSpan disableAfter)
    {
        FailureStreak++;
        FailingSince ??= at;
        Version++;
        if (!Enabled || at - FailingSince < disableAfter) return false;
        Disable($"No successful delivery for {disableAfter.TotalDays:0.#} days.", at);
        return true;
    }

    private void Touch(DateTimeOffset at)
    {
        UpdatedAt = at;
        Version++;
    }
}
