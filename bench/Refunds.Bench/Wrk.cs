using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Refunds.Bench;

/// <summary>One wrk run and what its script's done() reported.</summary>
public sealed record WrkResult(long Requests, long DurationUs, long SocketErrors, long Non2xx, long P50Us, long P95Us, long P99Us)
{
    public double RequestsPerSecond => Requests / (DurationUs / 1e6);

    public long Errors => SocketErrors + Non2xx;

    public static double Ms(long microseconds) => microseconds / 1000.0;
}

public static class Wrk
{
    /// <summary>Runs wrk with bench/wrk.lua; <paramref name="scriptArgs"/> choose its mode (see the script).</summary>
    public static async Task<WrkResult> RunAsync(Uri url, int threads, int connections, TimeSpan duration, string? token, params string[] scriptArgs)
    {
        var start = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[]
                 {
                     "-t", threads.ToString(CultureInfo.InvariantCulture), "-c", connections.ToString(CultureInfo.InvariantCulture),
                     "-d", $"{(int)Math.Ceiling(duration.TotalSeconds)}s", "--timeout", "10s", "-s", BuildPathAttribute.Of("WrkScript"),
                 })
            start.ArgumentList.Add(arg);
        if (token is not null)
        {
            start.ArgumentList.Add("-H");
            start.ArgumentList.Add($"Authorization: Bearer {token}");
        }
        start.ArgumentList.Add(url.ToString());
        start.ArgumentList.Add("--");
        foreach (var arg in scriptArgs) start.ArgumentList.Add(arg);

        using var process = Process.Start(start) ?? throw new InvalidOperationException("wrk did not start: install it (bench/run does, as root on Debian).");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var line = (await output).Split('\n').FirstOrDefault(l => l.StartsWith("WRK_JSON ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"wrk exited with {process.ExitCode} and no result:\n{await output}\n{await errors}");
        using var json = JsonDocument.Parse(line["WRK_JSON ".Length..]);
        long Read(string name) => json.RootElement.GetProperty(name).GetInt64();
        return new WrkResult(Read("requests"), Read("duration_us"), Read("socket_errors"), Read("non2xx"), Read("p50_us"), Read("p95_us"), Read("p99_us"));
    }
}
