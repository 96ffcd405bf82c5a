using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Refunds.Dashboard.Cluster;

/// <summary>
/// Degraded, never unhealthy, while Redis does not answer: refunds and payouts go on without it, only
/// live status between instances pauses (and limits count per instance), so the instance stays in the
/// load balancer (Degraded answers 200).
/// </summary>
internal sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(redis.IsConnected
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Degraded("Redis (ConnectionStrings:Redis) does not answer: live status does not reach other instances, " +
                "and rate limits and sign-in lockouts count on each instance alone, until it does."));
}
