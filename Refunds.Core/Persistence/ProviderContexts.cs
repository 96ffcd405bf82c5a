using Microsoft.EntityFrameworkCore;

namespace Refunds.Core.Persistence;

/// <summary>Hands out the configured provider's contexts as the one <see cref="RefundsDbContext"/> the engine knows.</summary>
internal sealed class ProviderContexts<TContext>(IDbContextFactory<TContext> contexts) : IDbContextFactory<RefundsDbContext>
    where TContext : RefundsDbContext
{
    public RefundsDbContext CreateDbContext() => contexts.CreateDbContext();

    public async Task<RefundsDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
        await contexts.CreateDbContextAsync(cancellationToken);
}
