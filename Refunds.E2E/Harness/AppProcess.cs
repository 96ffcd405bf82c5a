using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Refunds.E2E.Harness;

/// <summary>
/// A built ASP.NET Core app (the dashboard, or the benchmarks' bare baseline) as its own process on a
/// loopback port, started and waited for until <c>/health</c> answers 200. Shared by the end-to-end
/// tests and the benchmark driver (bench/ compiles this file in).
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly StringBuilder _output = new();
    private readonly Process _process;

    private AppProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>From the process starting to /health answering 200.</summary>
    public TimeSpan StartedIn { get; private set; }

    /// <summary>What the process wrote to standard output and error so far.</summary>
    public string Output
    {
        get
        {
            lock (_output) return _output.ToString();
        }
    }

    /// <summary>
    /// Starts <paramref name="dll"/> with <paramref name="settings"/> as <c>--Key=Value</c> arguments in
    /// <paramref name="environment"/>, on <paramref name="baseAddress"/> (a free loopback port when null).
    /// </summary>
    public static async Task<AppProcess> StartAsync(string dll, IReadOnlyDictionary<string, string> settings, string environment,
        Uri? baseAddress = null, TimeSpan? healthTimeout = null)
    {
        if (!File.Exists(dll)) throw new FileNotFoundException("Build the solution first: the app was not found.", dll);
        baseAddress ??= FreeLoopbackAddress();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(baseAddress.ToString().TrimEnd('/'));
        foreach (var (key, value) in settings) start.ArgumentList.Add($"--{key}={value}");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = environment;

        var clock = Stopwatch.StartNew();
        var app = new AppProcess(Process.Start(start) ?? throw new InvalidOperationException($"{dll} did not start."), baseAddress);
        app._process.OutputDataReceived += (_, e) => app.Append(e.Data);
        app._process.ErrorDataReceived += (_, e) => app.Append(e.Data);
        app._process.BeginOutputReadLine();
        app._process.BeginErrorReadLine();
        try
        {
            await app.WaitUntilHealthyAsync(healthTimeout ?? TimeSpan.FromSeconds(120));
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        app.StartedIn = clock.Elapsed;
        return app;
    }

    /// <summary>An address on a loopback port that is free now.</summary>
    public static Uri FreeLoopbackAddress()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}");
    }

    /// <summary>Ends the process at once, as <c>kill -9</c> would: no shutdown, no flushing.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    private async Task WaitUntilHealthyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"The app exited with code {_process.ExitCode} while starting:\n{Output}");
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
            // Short polls: the wait is the benchmarks' cold-start resolution.
            await Task.Delay(20);
        }
        throw new TimeoutException($"The app did not answer /health within {timeout.TotalSeconds} s:\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }
}
