using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Npgsql.EntityFrameworkCore.PostgreSQL;

namespace Refunds.Core.Persistence;

/// <summary>
/// Npgsql's retrying execution strategy (serialization failures, deadlocks, ended sessions, dropped or
/// refused connections), with its delays adding up to about 20 s — enough for a server to restart or fail
/// over (ADR-013). It also knows a dropped connection that reaches it as a transaction disposed under the
/// work: Npgsql then throws <see cref="ObjectDisposedException"/> carrying the transient fault that broke it.
/// </summary>
internal sealed class PostgreSqlRetryingStrategy(ExecutionStrategyDependencies dependencies)
    : NpgsqlRetryingExecutionStrategy(dependencies, maxRetryCount: 6, maxRetryDelay: TimeSpan.FromSeconds(5), errorCodesToAdd: null)
{
    protected override bool ShouldRetryOn(Exception? exception) =>
        base.ShouldRetryOn(exception) || exception is ObjectDisposedException { InnerException: NpgsqlException { IsTransient: true } };
}
