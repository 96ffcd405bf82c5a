using Microsoft.EntityFrameworkCore;
using Refunds.Core.Access;
using Refunds.Core.Persistence;

namespace Refunds.Core.Reasons;

/// <summary>The reason codes makers choose from, and their upkeep.</summary>
public sealed class ReasonCatalog(IDbContextFactory<RefundsDbContext> contexts, UnitOfWork unitOfWork)
{
    public async Task<IReadOnlyList<ReasonCode>> ListActiveAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.ReasonCodes.AsNoTracking().Where(r => r.IsActive).OrderBy(r => r.Code).ToListAsync(cancellationToken);
    }

    /// <summary>Adds a code, or brings back a deactivated one with a new description.</summary>
    public Task<ReasonCode> AddAsync(Actor actor, string code, string description, CancellationToken cancellationToken = default)
    {
        actor.Require(Permission.ManageReasonCodes, "manage reason codes");
        var normalized = code.Trim().ToUpperInvariant();
        if (normalized.Length is 0 or > InputLimits.ReasonCode || !normalized.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c == '_'))
            throw new RuleViolation(ErrorCode.InvalidReasonCode, $"A reason code is 1 to {InputLimits.ReasonCode} characters of A-Z, 0-9 and _.");
        if (string.IsNullOrWhiteSpace(description) || description.Length > 200)
            throw new RuleViolation(ErrorCode.InvalidRequest, "A reason code needs a description of 1 to 200 characters.");

        return unitOfWork.RunAsync(async (db, ct) =>
        {
            var existing = await db.ReasonCodes.FindAsync([normalized], ct);
            if (existing is { IsActive: true })
                throw new RuleViolation(ErrorCode.ReasonCodeExists, $"Reason code {normalized} already exists.");
            if (existing is not null)
            {
                existing.Reactivate(description.Trim());
                return existing;
            }
            var reason = new ReasonCode(normalized, description.Trim());
            db.ReasonCodes.Add(reason);
            return reason;
        }, cancellationToken);
    }

    public Task DeactivateAsync(Actor actor, string code, CancellationToken cancellationToken = default)
    {
        actor.Require(Permission.ManageReasonCodes, "manage reason codes");
        return unitOfWork.RunAsync(async (db, ct) =>
        {
            var reason = await db.ReasonCodes.FindAsync([code.Trim().ToUpperInvariant()], ct)
                ?? throw new RuleViolation(ErrorCode.InvalidReasonCode, $"Reason code {code} does not exist.");
            reason.Deactivate();
            return reason;
        }, cancellationToken);
    }
}
