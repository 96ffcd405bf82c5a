using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Refunds.Core.Access;
using Refunds.Core.Persistence;

namespace Refunds.Core.Webhooks;

/// <summary>Registers integrations' webhook endpoints, changes them, rotates their secrets.</summary>
public sealed class WebhookRegistry(
    IDbContextFactory<RefundsDbContext> contexts,
    UnitOfWork unitOfWork,
    WebhookTargets targets,
    IOptionsMonitor<WebhookOptions> options,
    TimeProvider clock)
{
    /// <summary>A new endpoint of the calling integration, enabled, with a fresh secret.</summary>
    public async Task<WebhookEndpoint> RegisterAsync(Actor actor, string? url, IReadOnlyList<string>? eventTypes, string? description,
        CancellationToken cancellationToken = default)
    {
        WebhookAccess.RequireManage(actor);
        if (actor.Kind != ActorKind.Integration)
            throw new RuleViolation(ErrorCode.OperationNotAllowed, "Operation Not Allowed, webhook endpoints are registered by integration clients.");
        var uri = await targets.CheckAsync(url, cancellationToken);
        var types = WebhookEventTypes.Checked(eventTypes);
        var checkedDescription = CheckedDescription(description);
        return await unitOfWork.RunAsync((db, _) =>
        {
            var endpoint = new WebhookEndpoint(actor.Id, uri, types, checkedDescription, clock.GetUtcNow());
            db.WebhookEndpoints.Add(endpoint);
            return Task.FromResult(endpoint);
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<WebhookEndpoint>> ListAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        var owner = WebhookAccess.OwnerFilter(actor);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.WebhookEndpoints.AsNoTracking()
            .Where(e => owner == null || e.OwnerClientId == owner)
            .OrderBy(e => e.CreatedAt).ThenBy(e => e.Id)
            .ToListAsync(cancellationToken);
    }

    public async Task<WebhookEndpoint> GetAsync(Actor actor, Guid id, CancellationToken cancellationToken = default)
    {
        var owner = WebhookAccess.OwnerFilter(actor);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.WebhookEndpoints.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id && (owner == null || e.OwnerClientId == owner), cancellationToken)
            ?? throw NotFound(id);
    }

    public async Task<WebhookEndpoint> ChangeAsync(Actor actor, Guid id, WebhookEndpointChange change, CancellationToken cancellationToken = default)
    {
        WebhookAccess.RequireManage(actor);
        var uri = change.Url is null ? null : await targets.CheckAsync(change.Url, cancellationToken);
        var types = change.EventTypes is null ? null : WebhookEventTypes.Checked(change.EventTypes);
        var description = CheckedDescription(change.Description);
        return await unitOfWork.RunAsync(async (db, ct) =>
        {
            var endpoint = await FindAsync(db, actor, id, ct);
            var now = clock.GetUtcNow();
            endpoint.Change(uri, types, description, now);
            if (change.Enabled == true && !endpoint.Enabled) endpoint.Enable(now);
            if (change.Enabled == false && endpoint.Enabled) endpoint.Disable($"Switched off by {actor.DisplayName}.", now);
            return endpoint;
        }, cancellationToken);
    }

    /// <summary>Removes the endpoint with its deliveries and their attempts.</summary>
    public Task DeleteAsync(Actor actor, Guid id, CancellationToken cancellationToken = default)
    {
        WebhookAccess.RequireManage(actor);
        return unitOfWork.RunAsync(async (db, ct) =>
        {
            db.WebhookEndpoints.Remove(await FindAsync(db, actor, id, ct));
            return true;
        }, cancellationToken);
    }

    /// <summary>A new secret, returned once; the previous one keeps signing alongside it for a while.</summary>
    public Task<string> RotateSecretAsync(Actor actor, Guid id, CancellationToken cancellationToken = default)
    {
        WebhookAccess.RequireManage(actor);
        return unitOfWork.RunAsync(async (db, ct) =>
            (await FindAsync(db, actor, id, ct)).RotateSecret(options.CurrentValue.PreviousSecretValidFor, clock.GetUtcNow()), cancellationToken);
    }

    private static async Task<WebhookEndpoint> FindAsync(RefundsDbContext db, Actor actor, Guid id, CancellationToken cancellationToken)
    {
        var endpoint = await db.WebhookEndpoints.SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
        return endpoint is not null && WebhookAccess.Sees(actor, endpoint.OwnerClientId) ? endpoint : throw NotFound(id);
    }

    private static string? CheckedDescription(string? description) =>
        description is { Length: > InputLimits.Description }
            ? throw new RuleViolation(ErrorCode.InvalidRequest, $"description is at most {InputLimits.Description} characters.")
            : description;

    internal static RuleViolation NotFound(Guid id) => new(ErrorCode.WebhookEndpointNotFound, $"Webhook endpoint {id} does not exist.");
}
