namespace Refunds.Core.Webhooks;

/// <summary>Which deliveries a log lists; a null field does not filter.</summary>
public sealed record WebhookDeliveryFilter(Guid? EndpointId = null, string? EventType = null, WebhookDeliveryStatus? Status = null);
