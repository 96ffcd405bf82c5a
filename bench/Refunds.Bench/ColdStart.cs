namespace Refunds.Bench;

/// <summary>Figure 7: from starting the process to /health answering 200, on an empty database (migrations included).</summary>
public static class ColdStart
{
    public static async Task RunAsync(string dashboard, IReadOnlyDictionary<string, string> settings, Report report)
    {
        await using var app = await AppProcess.StartAsync(dashboard, settings, "Production");
        report.Add(new Figure("7.cold_start", "Cold start to /health 200", app.StartedIn.TotalSeconds, "s", "< 3 s", app.StartedIn.TotalSeconds < 3,
            $"empty database file (schema migrated at start), Production environment, {BuildPathAttribute.Configuration} build; process start to first 200, polled every 20 ms"));
    }
}
