using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Refunds.Dashboard.Tests.Support;

namespace Refunds.Dashboard.Tests.Dashboard.Hosting;

public class TelemetryExportTests
{
    [Fact]
    public async Task Without_an_export_endpoint_no_spans_or_measurements_are_made()
    {
        await using var app = new DashboardFactory();

        Assert.Null(app.Services.GetService<TracerProvider>());
        Assert.Null(app.Services.GetService<MeterProvider>());
    }

    [Fact]
    public async Task With_an_export_endpoint_traces_and_metrics_are_collected()
    {
        await using var app = new ExportingDashboard();

        Assert.NotNull(app.Services.GetService<TracerProvider>());
        Assert.NotNull(app.Services.GetService<MeterProvider>());
    }

    private sealed class ExportingDashboard : DashboardFactory
    {
        // Nothing listens there: the exporter only sends in the background, and its failures are only logged.
        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:9")];
    }
}
