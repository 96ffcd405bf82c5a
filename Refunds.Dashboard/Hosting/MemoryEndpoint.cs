using System.Diagnostics;
using System.Net;
using System.Runtime;
using Microsoft.Extensions.Options;

namespace Refunds.Dashboard.Hosting;

/// <summary>
/// <c>GET /diagnostics/memory</c>: forces a full, compacting garbage collection and answers the managed
/// heap and the process working set after it, for the benchmarks' memory per circuit (figure 6). With
/// <c>?collect=false</c> it forces nothing and answers the heap as the runtime's own collections last
/// left it, so it can be polled during a long request without changing what it measures (figure 8's
/// peak). Mapped only when <c>Diagnostics:MemoryEndpoint</c> is true, and answered only on loopback: a
/// forced full collection pauses the whole app, so it is never something a caller from outside may ask for.
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
        app.MapGet(Path, (HttpContext context, bool? collect) =>
        {
            if (context.Connection.RemoteIpAddress is not { } caller || !IPAddress.IsLoopback(caller)) return Results.NotFound();
            var managed = collect ?? true ? AfterFullCollection() : AfterLastCollection();
            using var process = Process.GetCurrentProcess();
            return Results.Json(new { managed_bytes = managed, working_set_bytes = process.WorkingSet64 });
        }).AllowAnonymous();
        return app;
    }

    private static long AfterFullCollection()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    // The heap at the end of the latest collection of each kind, the largest: a background collection
    // runs beside ephemeral ones, so the latest of any kind alone could hide the one that saw the most.
    // Collections older than the latest full blocking one (a forced reading) are history, not the heap now.
    private static long AfterLastCollection()
    {
        var latest = new[] { GCKind.Ephemeral, GCKind.FullBlocking, GCKind.Background }.Select(GC.GetGCMemoryInfo).ToList();
        var lastFull = latest[1].Index;
        return latest.Where(info => info.Index >= lastFull).Max(info => info.HeapSizeBytes);
    }
}
