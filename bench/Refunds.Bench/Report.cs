using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Refunds.Bench;

/// <summary>One measured figure: its value, the target it is held to, and the conditions it was measured under.</summary>
public sealed record Figure(string Id, string Name, double Value, string Unit, string Target, bool? Met, string Conditions)
{
    /// <summary>The machine's 1-minute load average when the figure was taken: the machine is shared, and this says how busy it was.</summary>
    public double LoadAverage { get; init; } = Report.LoadAverage();

    /// <summary>A figure reported for context (a baseline, a median) that no target applies to.</summary>
    public static Figure Context(string id, string name, double value, string unit, string conditions) => new(id, name, value, unit, "—", null, conditions);
}

/// <summary>The run's results, as bench/results/latest.md (a table) and latest.json (for tools and the quick test).</summary>
public sealed class Report(bool quick)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private readonly List<Figure> _figures = [];

    public IReadOnlyList<Figure> Figures => _figures;

    public void Add(Figure figure)
    {
        // A quick run on a busy machine can leave a figure unmeasured, e.g. a ratio over a run that answered no
        // request: it reads 0, not met, rather than NaN or Infinity, which neither the table nor the JSON compares.
        if (!double.IsFinite(figure.Value))
            figure = figure with { Value = 0, Met = figure.Met is null ? null : false, Conditions = $"not measured ({figure.Value}); {figure.Conditions}" };
        _figures.Add(figure);
        Console.WriteLine($"  {figure.Id} {figure.Name}: {Format(figure.Value)} {figure.Unit} {(figure.Met is { } met ? $" (target {figure.Target}: {(met ? "met" : "NOT met")})" : "")} [load {figure.LoadAverage:0.0}]");
    }

    public void Write(string folder, string repository)
    {
        Directory.CreateDirectory(folder);
        var machine = new Dictionary<string, string>
        {
            ["cores"] = Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture),
            ["memory"] = Memory(),
            ["cpu"] = CpuModel(),
            ["os"] = RuntimeInformation.OSDescription,
            ["runtime"] = RuntimeInformation.FrameworkDescription,
            ["build"] = BuildPathAttribute.Configuration,
        };
        var commit = Git(repository, "rev-parse --short HEAD") + (Git(repository, "status --porcelain").Length > 0 ? " (uncommitted changes)" : "");
        var date = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

        File.WriteAllText(Path.Combine(folder, "latest.json"), JsonSerializer.Serialize(new { quick, date, commit, machine, figures = _figures }, Json));

        var md = new StringBuilder();
        md.AppendLine(quick ? "# Benchmark results (quick mode: sizes too small to hold to the targets)" : "# Benchmark results");
        md.AppendLine();
        md.AppendLine($"- Date: {date}");
        md.AppendLine($"- Commit: `{commit}`");
        md.AppendLine($"- Machine: {machine["cores"]} cores, {machine["memory"]}, {machine["cpu"]}; {machine["os"]}; {machine["runtime"]}; {machine["build"]} build");
        md.AppendLine("- Load: wrk over loopback, the app and wrk on the same machine; the Load column is the machine's 1-minute load average as each figure was taken. Produced by `bench/run`; see bench/README.md.");
        md.AppendLine();
        md.AppendLine("| # | Figure | Value | Target | Met | Load | Conditions |");
        md.AppendLine("| --- | --- | --- | --- | --- | --- | --- |");
        foreach (var f in _figures)
            md.AppendLine($"| {f.Id} | {f.Name} | {Format(f.Value)} {f.Unit} | {f.Target} | {f.Met switch { true => "yes", false => "**no**", null => "—" }} | {f.LoadAverage:0.0} | {f.Conditions} |");
        File.WriteAllText(Path.Combine(folder, "latest.md"), md.ToString());
    }

    public static string Format(double value) => value.ToString(Math.Abs(value) >= 100 ? "N0" : "0.##", CultureInfo.InvariantCulture);

    /// <summary>The 1-minute load average (/proc/loadavg), or NaN where there is none.</summary>
    public static double LoadAverage() =>
        File.Exists("/proc/loadavg") ? double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture) : double.NaN;

    private static string Memory()
    {
        var line = File.Exists("/proc/meminfo") ? File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal)) : null;
        var kb = line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        return kb == 0 ? "unknown memory" : $"{kb / 1024.0 / 1024.0:0.#} GiB";
    }

    private static string CpuModel()
    {
        var line = File.Exists("/proc/cpuinfo") ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal)) : null;
        return line?.Split(':', 2)[1].Trim() ?? RuntimeInformation.ProcessArchitecture.ToString();
    }

    private static string Git(string repository, string arguments)
    {
        try
        {
            var start = new ProcessStartInfo("git", arguments) { WorkingDirectory = repository, RedirectStandardOutput = true, RedirectStandardError = true };
            using var git = Process.Start(start)!;
            var output = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return git.ExitCode == 0 ? output : "unknown";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown (no git)";
        }
    }
}
