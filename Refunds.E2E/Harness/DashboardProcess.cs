using System.Reflection;

namespace Refunds.E2E.Harness;

/// <summary>
/// The dashboard as a real process: its own free loopback port, a fresh SQLite file, the embedded
/// defaults otherwise. Started once per test class and stopped (and its files removed) afterwards.
/// </summary>
public sealed class DashboardProcess : IAsyncLifetime
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), $"refunds-e2e-{Guid.NewGuid():N}");
    private AppProcess? _app;

    /// <summary>Kept across restarts of this process.</summary>
    public Uri BaseAddress { get; } = AppProcess.FreeLoopbackAddress();

    /// <summary>The SQLite file the app runs on; kept across restarts of this process.</summary>
    public string DatabasePath => Path.Combine(_dataDirectory, "refunds.db");

    /// <summary>Extra settings, as <c>--Key=Value</c> pairs on the command line.</summary>
    public Dictionary<string, string> Settings { get; } = new()
    {
        ["DemoData:Enabled"] = "false",
    };

    /// <summary>What the running process (the latest start) has written.</summary>
    public string Output => _app?.Output ?? "";

    public Task InitializeAsync() => StartAsync();

    /// <summary>Starts the app (again, after <see cref="KillAsync"/>: same port, same database) and waits until it is healthy.</summary>
    public async Task StartAsync()
    {
        var dashboard = typeof(DashboardProcess).Assembly.GetCustomAttribute<DashboardBuildAttribute>()!.Path;
        Directory.CreateDirectory(_dataDirectory);
        var settings = new Dictionary<string, string>(Settings) { ["ConnectionStrings:Refunds"] = $"Data Source={DatabasePath}" };
        _app = await AppProcess.StartAsync(dashboard, settings, "Development", BaseAddress, TimeSpan.FromSeconds(60));
    }

    /// <summary>Ends the process at once, as <c>kill -9</c> would: no shutdown, no flushing.</summary>
    public async Task KillAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
        _app = null;
    }

    public async Task DisposeAsync()
    {
        await KillAsync();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a dying process: the temp folder is cleaned by the OS.
        }
    }
}
