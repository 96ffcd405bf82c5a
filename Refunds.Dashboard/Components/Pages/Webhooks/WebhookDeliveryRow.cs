using Refunds.Core.Webhooks;

namespace Refunds.Dashboard.Components.Pages.Webhooks;

/// <summary>
/// A delivery as the Webhooks page's grid shows it: a value, so that a refresh that reads it unchanged keeps
/// its row and Retry button (a click is never lost to a refresh, ADR-014).
/// </summary>
public sealed record WebhookDeliveryRow(Guid Id, DateTimeOffset CreatedAt, string EventType, Guid RefundId, Guid EndpointId,
    WebhookDeliveryStatus Status, int Attempts, DateTimeOffset? NextAttemptAt)
{
    public static WebhookDeliveryRow Of(WebhookDelivery delivery) => new(delivery.Id, delivery.CreatedAt, delivery.EventType, delivery.RefundId,
        delivery.EndpointId, delivery.Status, delivery.Attempts.Count, delivery.NextAttemptAt);
}
