namespace Refunds.Dashboard.Hosting;

/// <summary>Section <c>Diagnostics</c>: measuring aids that are off in every deployment unless asked for.</summary>
public sealed class DiagnosticsOptions
{
    public const string Section = "Diagnostics";

    /// <summary>Whether <c>GET /diagnostics/memory</c> is mapped (see <see cref="MemoryEndpoint"/>); the benchmarks switch it on.</summary>
    public bool MemoryEndpoint { get; set; }
}
