using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Refunds.Core.Persistence;
using Refunds.Core.Refunds;

namespace Refunds.Core.Approvals;

/// <summary>
/// Cancels refunds that have awaited their approvals longer than the policy allows, releasing their
/// amounts. Every instance may run it: a refund approved, rejected or expired by someone else meanwhile
/// is seen when the unit of work runs again after losing the race on its version, and left alone.
/// </summary>
public sealed class ApprovalExpiry(
    IDbContextFactory<RefundsDbContext> contexts,
    UnitOfWork unitOfWork,
    IOptions<ApprovalOptions> options,
    TimeProvider clock)
{
    /// <summary>How many refunds one unit of work cancels at most.</summary>
    public const int BatchSize = 200;

    /// <summary>Cancels every refund that is overdue now; returns how many it cancelled.</summary>
    public async Task<int> ExpireOverdueAsync(CancellationToken cancellationToken = default)
    {
        var expired = 0;
        while (true)
        {
            var cutoff = clock.GetUtcNow() - options.Value.ExpireAfter;
            List<Guid> overdue;
            await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
            {
                overdue = await db.Refunds.AsNoTracking()
                    .Where(r => r.Status == RefundStatus.Created && r.CreatedAt <= cutoff)
                    .OrderBy(r => r.CreatedAt)
                    .Select(r => r.Id)
                    .Take(BatchSize)
                    .ToListAsync(cancellationToken);
            }
            if (overdue.Count == 0) return expired;
            expired += await unitOfWork.RunAsync(async (db, ct) =>
            {
                var refunds = await db.Refunds.Include(r => r.Payment)
                    .Where(r => overdue.Contains(r.Id) && r.Status == RefundStatus.Created)
                    .ToListAsync(ct);
                var now = clock.GetUtcNow();
                foreach (var refund in refunds) refund.Expire(now);
                return refunds.Count;
            }, cancellationToken);
        }
    }
}
