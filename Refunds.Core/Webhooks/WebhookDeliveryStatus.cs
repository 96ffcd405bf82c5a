namespace Refunds.Core.Webhooks;

/// <summary>Where one event's delivery to one endpoint stands.</summary>
public enum WebhookDeliveryStatus
{
    /// <summary>Not yet answered with a 2xx: due now or at its next retry.</summary>
    Pending,
    Delivered,
    /// <summary>Every attempt of the retry schedule failed (a Retry sends it again).</summary>
    Failed,
}
