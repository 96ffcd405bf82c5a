using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Refunds.Core;
using Refunds.Core.Refunds;

namespace Refunds.Dashboard.Hosting;

public static class Observability
{
    /// <summary>
    /// Log lines carry the trace id; every refund status change is logged with refund, payment and
    /// actor; OpenTelemetry traces and metrics go out over OTLP only when OTEL_EXPORTER_OTLP_ENDPOINT is set.
    /// </summary>
    public static WebApplicationBuilder AddRefundsObservability(this WebApplicationBuilder builder)
    {
        builder.Logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        builder.Logging.AddSimpleConsole(o =>
        {
            o.IncludeScopes = true;
            o.SingleLine = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            o.UseUtcTimestamp = true;
        });
        builder.Services.AddHostedService<RefundEventLog>();

        // Only with somewhere to send them: unexported, every request would still build its spans and
        // measurements for nobody (bench figure 1 measured what that costs).
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
            builder.Services.AddOpenTelemetry()
                .ConfigureResource(r => r.AddService("refunds-dashboard"))
                .WithTracing(t => t.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddSource(RefundsTelemetry.Name))
                .WithMetrics(m => m.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddRuntimeInstrumentation()
                    .AddMeter(RefundsTelemetry.Name, "Microsoft.EntityFrameworkCore"))
                .UseOtlpExporter();

        builder.Services.AddHealthChecks()
            .AddCheck("process", () => HealthCheckResult.Healthy(), tags: [Live])
            .AddCheck<DatabaseHealthCheck>("database", tags: [Ready])
            .AddCheck<DispatcherHealthCheck>("payout-dispatcher", tags: [Ready]);
        return builder;
    }

    private const string Live = "live";
    /// <summary>The tag of checks that decide whether this instance can do its work (/health/ready).</summary>
    internal const string Ready = "ready";

    /// <summary><c>/health/live</c>: the process answers. <c>/health/ready</c> (and <c>/health</c>): it can do its work.</summary>
    public static WebApplication MapRefundsHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new() { Predicate = c => c.Tags.Contains(Live) }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new() { Predicate = c => c.Tags.Contains(Ready) }).AllowAnonymous();
        app.MapHealthChecks("/health", new() { Predicate = c => c.Tags.Contains(Ready) }).AllowAnonymous();
        return app;
    }

    /// <summary>One structured line per refund status change (who moved which refund of which payment where) and per approval recorded.</summary>
    private sealed class RefundEventLog(RefundStatusNotifier notifier, ILogger<RefundEventLog> logger) : IHostedService
    {
        private IDisposable? _subscription;

        public Task StartAsync(CancellationToken cancellationToken)
        {
            _subscription = notifier.SubscribeToLocalCommits(change =>
            {
                if (change is { IsStatusChange: false, Approval: { } approval })
                {
                    logger.LogInformation("Refund {RefundId} of payment {PaymentId} ({Amount}) was given approval {Number} by {Actor}",
                        change.RefundId, change.PaymentId, change.Amount.ToString(), approval.Number, change.ActorId);
                    return Task.CompletedTask;
                }
                logger.LogInformation("Refund {RefundId} of payment {PaymentId} ({Amount}) moved {PreviousStatus} -> {Status} by {Actor}{Reason}",
                    change.RefundId, change.PaymentId, change.Amount.ToString(), change.PreviousStatus is { } p ? WireName.Of(p) : "(new)",
                    WireName.Of(change.Status), change.ActorId, change.FailureReason is null ? "" : ": " + change.FailureReason);
                return Task.CompletedTask;
            });
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken)
        {
            _subscription?.Dispose();
            return Task.CompletedTask;
        }
    }
}
