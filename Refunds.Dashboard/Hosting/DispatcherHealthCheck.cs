using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Refunds.Core.Payouts;

namespace Refunds.Dashboard.Hosting;

/// <summary>Ready when this instance's payout dispatcher finished a pass recently (or is switched off here, or payouts go by bank file).</summary>
internal sealed class DispatcherHealthCheck(PayoutDispatcher dispatcher, IOptions<PayoutOptions> options, TimeProvider clock) : IHealthCheck
{
    private static readonly TimeSpan StartGrace = TimeSpan.FromSeconds(30);
    private readonly DateTimeOffset _startedAt = clock.GetUtcNow();

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!options.Value.DispatcherEnabled) return Task.FromResult(HealthCheckResult.Healthy("The dispatcher is switched off on this instance."));
        if (options.Value.Rail == PayoutRail.BankFile) return Task.FromResult(HealthCheckResult.Healthy("Payouts go to the bank in payout files; the dispatcher does not run."));
        var now = clock.GetUtcNow();
        var allowed = options.Value.PollInterval * 20 + TimeSpan.FromSeconds(10);
        var last = dispatcher.LastPassAt;
        return Task.FromResult(last is null
            ? now - _startedAt < StartGrace ? HealthCheckResult.Healthy("The dispatcher is starting.") : HealthCheckResult.Unhealthy("The payout dispatcher has not run.")
            : now - last <= allowed ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy($"The payout dispatcher last ran at {last:O}."));
    }
}
