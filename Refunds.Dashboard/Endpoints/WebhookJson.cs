using System.Text.Json.Serialization;
using Refunds.Core;
using Refunds.Core.Webhooks;

namespace Refunds.Dashboard.Endpoints;

/// <summary>
/// A webhook endpoint as the API shows it. <c>event_types</c> null means every type; <c>secret</c> is
/// only there in the answer to a create.
/// </summary>
public sealed record WebhookEndpointJson(
    Guid EndpointId,
    string Url,
    IReadOnlyList<string>? EventTypes,
    string? Description,
    bool Enabled,
    string? DisabledReason,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    WebhookHealthJson Health,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Secret = null)
{
    public static WebhookEndpointJson From(WebhookEndpoint endpoint) => new(
        endpoint.Id, endpoint.Url, endpoint.EventTypes.Count == 0 ? null : endpoint.EventTypes, endpoint.Description, endpoint.Enabled,
        endpoint.DisabledReason, endpoint.CreatedAt, endpoint.UpdatedAt,
        new WebhookHealthJson(endpoint.LastSuccessAt, endpoint.FailureStreak, endpoint.FailingSince));

    public static WebhookEndpointJson WithSecret(WebhookEndpoint endpoint) => From(endpoint) with { Secret = endpoint.Secret };
}

/// <summary>How deliveries to an endpoint have gone: the last success, and the failed attempts since.</summary>
public sealed record WebhookHealthJson(DateTimeOffset? LastSuccessAt, int FailureStreak, DateTimeOffset? FailingSince);

/// <summary>A new secret, shown once.</summary>
public sealed record WebhookSecretJson(string Secret);

/// <summary>One event's delivery to one endpoint, with every attempt, oldest first.</summary>
public sealed record WebhookDeliveryJson(
    Guid DeliveryId,
    Guid EndpointId,
    string WebhookId,
    string EventType,
    Guid RefundId,
    string Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset? DeliveredAt,
    IReadOnlyList<WebhookAttemptJson> Attempts)
{
    public static WebhookDeliveryJson From(WebhookDelivery delivery) => new(
        delivery.Id, delivery.EndpointId, delivery.Event.WebhookId, delivery.EventType, delivery.RefundId, WireName.Of(delivery.Status),
        delivery.CreatedAt, delivery.NextAttemptAt, delivery.DeliveredAt,
        delivery.Attempts.OrderBy(a => a.At).ThenBy(a => a.Id).Select(WebhookAttemptJson.From).ToList());
}

/// <summary>One attempt: the HTTP status (null when there was no answer), how long it took, why it failed, the start of the answer.</summary>
public sealed record WebhookAttemptJson(DateTimeOffset At, int? HttpStatus, int DurationMs, string? Error, string? ResponseExcerpt)
{
    public static WebhookAttemptJson From(WebhookAttempt attempt) =>
        new(attempt.At, attempt.HttpStatus, attempt.DurationMs, attempt.Error, attempt.ResponseExcerpt);
}
