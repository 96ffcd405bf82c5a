using Refunds.Core.Refunds;

namespace Refunds.Core.Webhooks;

/// <summary>
/// A refund status change to be announced (the outbox): written in the transaction that made the change,
/// so a change that commits always has its event and one that rolls back never does. Its body is the
/// refund as it stood when the change committed, and stays the same on every delivery of it.
/// </summary>
public sealed class WebhookEvent
{
    private WebhookEvent()
    {
        Type = null!;
        Body = null!;
    }

    internal WebhookEvent(RefundStatusChanged change, string type, string body)
    {
        Id = Guid.CreateVersion7(change.At);
        Type = type;
        RefundId = change.RefundId;
        OccurredAt = change.At;
        Body = body;
        AwaitsFanOut = true;
    }

    public Guid Id { get; private set; }

    /// <summary>The <c>webhook-id</c> header: one per event, the same on every attempt of every delivery of it.</summary>
    public string WebhookId => $"msg_{Id:N}";

    public string Type { get; private set; }

    public Guid RefundId { get; private set; }

    public DateTimeOffset OccurredAt { get; private set; }

    /// <summary>The JSON sent: <c>{"type", "timestamp", "data"}</c>.</summary>
    public string Body { get; private set; }

    /// <summary>True until a delivery has been made for each endpoint that wanted it.</summary>
    public bool AwaitsFanOut { get; private set; }

    public long Version { get; private set; }

    internal void MarkFannedOut()
    {
        AwaitsFanOut = false;
        Version++;
    }
}
