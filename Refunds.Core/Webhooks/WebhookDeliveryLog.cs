using Microsoft.EntityFrameworkCore;
using Refunds.Core.Access;
using Refunds.Core.Persistence;

namespace Refunds.Core.Webhooks;

/// <summary>Reads deliveries with their attempts, newest first, paged in the database.</summary>
public sealed class WebhookDeliveryLog(IDbContextFactory<RefundsDbContext> contexts)
{
    public async Task<PagedList<WebhookDelivery>> ListAsync(Actor actor, WebhookDeliveryFilter filter, int page = 0, int size = PagedList<WebhookDelivery>.DefaultSize,
        CancellationToken cancellationToken = default)
    {
        var owner = WebhookAccess.OwnerFilter(actor);
        PagedList<WebhookDelivery>.EnsureValid(page, size);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.WebhookDeliveries.AsNoTracking()
            .Where(d => owner == null || d.OwnerClientId == owner)
            .Where(d => filter.EndpointId == null || d.EndpointId == filter.EndpointId)
            .Where(d => filter.EventType == null || d.EventType == filter.EventType)
            .Where(d => filter.Status == null || d.Status == filter.Status);
        var total = await query.LongCountAsync(cancellationToken);
        var items = await query.OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id)
            .Skip(page * size).Take(size)
            .Include(d => d.Event).Include(d => d.Attempts)
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        return new PagedList<WebhookDelivery>(items, page, size, total);
    }

    public async Task<WebhookDelivery> GetAsync(Actor actor, Guid id, CancellationToken cancellationToken = default)
    {
        var owner = WebhookAccess.OwnerFilter(actor);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.WebhookDeliveries.AsNoTracking().Include(d => d.Event).Include(d => d.Attempts)
            .SingleOrDefaultAsync(d => d.Id == id && (owner == null || d.OwnerClientId == owner), cancellationToken)
            ?? throw NotFound(id);
    }

    internal static RuleViolation NotFound(Guid id) => new(ErrorCode.WebhookDeliveryNotFound, $"Webhook delivery {id} does not exist.");
}
