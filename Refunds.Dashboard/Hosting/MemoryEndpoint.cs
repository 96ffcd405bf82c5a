using System.Diagnostics;
using System.Net;
using System.Runtime;
using Microsoft.Extensions.Options;

namespace Refunds.Dashboard.Hosting;

/// <summary>
/// <c>GET /diagnostics/memory</c>: forces a full, compacting garbage collection and answers the managed
/// heap and the process working set after it, for the benchmarks' memory per circuit (figure 6). Mapped
/// only when <c>Diagnostics:MemoryEndpoint</c> is true, and answered only on loopback: a forced full
/// collection pauses the whole app, so it is never something a caller from outside may ask for.
/// </summary>
public static class MemoryEndpoint
{
    public const string Path = "/diagnostics/memory";

    public static WebApplicationBuilder AddRefundsDiagnostics(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DiagnosticsOptions>().BindConfiguration(DiagnosticsOptions.Section).ValidateOnStart();
        return builder;
    }

    public static WebApplication MapRefundsDiagnostics(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<IOptions<DiagnosticsOptions>>().Value.MemoryEndpoint) return app;
        app.MapGet(Path, (HttpContext context) =>
        {
            if (context.Connection.RemoteIpAddress is not { } caller || !IPAddress.IsLoopback(caller)) return Results.NotFound();
            GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            var managed = GC.GetTotalMemory(forceFullCollection: true);
            using var process = Process.GetCurrentProcess();
            return Results.Json(new { managed_bytes = managed, working_set_bytes = process.WorkingSet64 });
        }).AllowAnonymous();
        return app;
    }
}
