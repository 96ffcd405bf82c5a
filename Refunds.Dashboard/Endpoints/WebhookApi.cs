using System.ComponentModel.DataAnnotations;
using Refunds.Core;
using Refunds.Core.Access;
using Refunds.Core.Webhooks;
using Refunds.Dashboard.Identity;

namespace Refunds.Dashboard.Endpoints;

/// <summary>
/// Webhooks (<c>/webhooks</c>): an integration registers endpoints for refund events, reads their
/// delivery log and sends a delivery again. Every endpoint belongs to the client that registered it.
/// </summary>
public static class WebhookApi
{
    public static IEndpointRouteBuilder MapWebhookApi(this IEndpointRouteBuilder app)
    {
        var webhooks = app.MapGroup("/webhooks").WithTags("Webhooks").AsApiSurface()
            .RequireAuthorization(PermissionPolicies.Api(Permission.ManageWebhooks));

        webhooks.MapPost("/endpoints", RegisterEndpoint)
            .WithName("createWebhookEndpoint").WithSummary("Register an endpoint for refund events; the answer carries its signing secret, shown only here")
            .Accepts<CreateWebhookEndpointBody>("application/json")
            .Produces<WebhookEndpointJson>(StatusCodes.Status201Created);
        webhooks.MapGet("/endpoints", ListEndpoints)
            .WithName("listWebhookEndpoints").WithSummary("This client's webhook endpoints with their health")
            .Produces<IReadOnlyList<WebhookEndpointJson>>();
        webhooks.MapGet("/endpoints/{endpointId}", GetEndpoint)
            .WithName("getWebhookEndpoint").WithSummary("One webhook endpoint with its health")
            .Produces<WebhookEndpointJson>();
        webhooks.MapPatch("/endpoints/{endpointId}", ChangeEndpoint)
            .WithName("updateWebhookEndpoint").WithSummary("Change an endpoint's URL, event types or description, or switch it on or off")
            .Accepts<UpdateWebhookEndpointBody>("application/json")
            .Produces<WebhookEndpointJson>();
        webhooks.MapDelete("/endpoints/{endpointId}", DeleteEndpoint)
            .WithName("deleteWebhookEndpoint").WithSummary("Remove an endpoint with its delivery log")
            .Produces(StatusCodes.Status204NoContent);
        webhooks.MapPost("/endpoints/{endpointId}/rotate-secret", RotateSecret)
            .WithName("rotateWebhookSecret").WithSummary("A new signing secret; for 24 hours deliveries carry signatures with both")
            .Produces<WebhookSecretJson>();
        webhooks.MapGet("/deliveries", ListDeliveries)
            .WithName("listWebhookDeliveries").WithSummary("The delivery log, newest first, each delivery with its attempts")
            .Produces<PageJson<WebhookDeliveryJson>>();
        webhooks.MapPost("/deliveries/{deliveryId}/retry", RetryDelivery)
            .WithName("retryWebhookDelivery").WithSummary("Send a delivery again now, signed with the endpoint's current secret")
            .Produces<WebhookDeliveryJson>();
        return app;
    }

    /// <summary>The body of <c>POST /webhooks/endpoints</c>; without <c>event_types</c>, every event is sent.</summary>
    public sealed record CreateWebhookEndpointBody(
        [property: Required, MaxLength(WebhookTargets.MaxUrlLength)] string? Url,
        IReadOnlyList<string>? EventTypes,
        [property: MaxLength(InputLimits.Description)] string? Description);

    /// <summary>The body of <c>PATCH /webhooks/endpoints/{endpoint_id}</c>: the fields to change.</summary>
    public sealed record UpdateWebhookEndpointBody(
        [property: MaxLength(WebhookTargets.MaxUrlLength)] string? Url,
        IReadOnlyList<string>? EventTypes,
        [property: MaxLength(InputLimits.Description)] string? Description,
        bool? Enabled);

    private static async Task<IResult> RegisterEndpoint(HttpRequest request, CallingActor caller, WebhookRegistry registry,
        CancellationToken cancellationToken)
    {
        var body = await RequestBody.ObjectAsync(request, LeanApiJsonContext.Default.CreateWebhookEndpointBody, cancellationToken);
        var endpoint = await registry.RegisterAsync(caller.Actor, RequestBody.Required(body.Url, "url"), body.EventTypes, body.Description, cancellationToken);
        return TypedResults.Created($"/webhooks/endpoints/{endpoint.Id}", WebhookEndpointJson.WithSecret(endpoint));
    }

    private static async Task<IResult> ListEndpoints(CallingActor caller, WebhookRegistry registry, CancellationToken cancellationToken) =>
        TypedResults.Ok((await registry.ListAsync(caller.Actor, cancellationToken)).Select(WebhookEndpointJson.From).ToList());

    private static async Task<IResult> GetEndpoint(string endpointId, CallingActor caller, WebhookRegistry registry, CancellationToken cancellationToken) =>
        TypedResults.Ok(WebhookEndpointJson.From(await registry.GetAsync(caller.Actor, RouteId.Of(endpointId, "webhook endpoint"), cancellationToken)));

    private static async Task<IResult> ChangeEndpoint(string endpointId, HttpRequest request, CallingActor caller, WebhookRegistry registry,
        CancellationToken cancellationToken)
    {
        var id = RouteId.Of(endpointId, "webhook endpoint");
        var body = await RequestBody.ObjectAsync(request, LeanApiJsonContext.Default.UpdateWebhookEndpointBody, cancellationToken);
        var endpoint = await registry.ChangeAsync(caller.Actor, id,
            new WebhookEndpointChange(body.Url, body.EventTypes, body.Description, body.Enabled), cancellationToken);
        return TypedResults.Ok(WebhookEndpointJson.From(endpoint));
    }

    private static async Task<IResult> DeleteEndpoint(string endpointId, CallingActor caller, WebhookRegistry registry, CancellationToken cancellationToken)
    {
        await registry.DeleteAsync(caller.Actor, RouteId.Of(endpointId, "webhook endpoint"), cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> RotateSecret(string endpointId, CallingActor caller, WebhookRegistry registry, CancellationToken cancellationToken) =>
        TypedResults.Ok(new WebhookSecretJson(await registry.RotateSecretAsync(caller.Actor, RouteId.Of(endpointId, "webhook endpoint"), cancellationToken)));

    private static async Task<IResult> ListDeliveries(HttpRequest request, CallingActor caller, WebhookDeliveryLog log, CancellationToken cancellationToken)
    {
        var query = new QueryParameters(request.Query);
        var eventType = query.Text("event_type", 64);
        if (eventType is not null && !WebhookEventTypes.All.Contains(eventType))
            throw new RuleViolation(ErrorCode.InvalidRequest, $"event_type is one of {string.Join(", ", WebhookEventTypes.All)}; got '{eventType}'.");
        var filter = new WebhookDeliveryFilter(query.Guid("endpoint_id"), eventType, query.WireNamed<WebhookDeliveryStatus>("status"));
        var page = await log.ListAsync(caller.Actor, filter, query.Int("page", 0), query.Int("size", PagedList<WebhookDelivery>.DefaultSize), cancellationToken);
        return TypedResults.Ok(PageJson<WebhookDeliveryJson>.From(page, WebhookDeliveryJson.From));
    }

    private static async Task<IResult> RetryDelivery(string deliveryId, CallingActor caller, WebhookDispatcher dispatcher, CancellationToken cancellationToken) =>
        TypedResults.Ok(WebhookDeliveryJson.From(await dispatcher.RetryNowAsync(caller.Actor, RouteId.Of(deliveryId, "webhook delivery"), cancellationToken)));
}
