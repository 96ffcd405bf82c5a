using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;

namespace Refunds.E2E.Harness;

/// <summary>
/// The dashboard as a real process: its own free loopback port, a fresh SQLite file, the embedded
/// defaults otherwise. Started once per test class and stopped (and its files removed) afterwards.
/// </summary>
public sealed class DashboardProcess : IAsyncLifetime
{
    private readonly StringBuilder _output = new();
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), $"refunds-e2e-{Guid.NewGuid():N}");
    private Process? _process;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The SQLite file the app runs on; kept across restarts of this process.</summary>
    public string DatabasePath => Path.Combine(_dataDirectory, "refunds.db");

    /// <summary>Extra settings, as <c>--Key=Value</c> pairs on the command line.</summary>
    public Dictionary<string, string> Settings { get; } = new()
    {
        ["DemoData:Enabled"] = "false",
    };

    public string Output
    {
        get
        {
            lock (_output) return _output.ToString();
        }
    }

    public Task InitializeAsync() => StartAsync();

    /// <summary>Starts the app (again, after <see cref="KillAsync"/>: same port, same database) and waits until it is healthy.</summary>
    public async Task StartAsync()
    {
        var dashboard = typeof(DashboardProcess).Assembly.GetCustomAttribute<DashboardBuildAttribute>()!.Path;
        if (!File.Exists(dashboard)) throw new FileNotFoundException("Build the solution first: the dashboard was not found.", dashboard);
        Directory.CreateDirectory(_dataDirectory);
        if (BaseAddress is null) BaseAddress = new Uri($"http://127.0.0.1:{FreePort()}");

        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dashboard)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dashboard);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(BaseAddress.ToString().TrimEnd('/'));
        start.ArgumentList.Add($"--ConnectionStrings:Refunds=Data Source={DatabasePath}");
        foreach (var (key, value) in Settings) start.ArgumentList.Add($"--{key}={value}");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";

        _process = Process.Start(start) ?? throw new InvalidOperationException("The dashboard process did not start.");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitUntilHealthyAsync(TimeSpan.FromSeconds(60));
    }

    /// <summary>Ends the process at once, as <c>kill -9</c> would: no shutdown, no flushing.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
        _process = null;
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

    private async Task WaitUntilHealthyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process!.HasExited)
                throw new InvalidOperationException($"The dashboard exited with code {_process.ExitCode} while starting:\n{Output}");
            try
            {
                if ((await http.GetAsync("/health")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException)
            {
                // not answering yet
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"The dashboard did not answer /health within {timeout.TotalSeconds} s:\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
