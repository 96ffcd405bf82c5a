using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using Refunds.E2E.Harness;

namespace Refunds.E2E.Cluster;

/// <summary>
/// The scale-out setup as an operator starts it: <c>deploy/local-cluster</c> (PostgreSQL, Redis, two
/// dashboard instances, nginx with cookie affinity), on free loopback ports and a temp state folder,
/// running the solution's own build. Stopped, and its folder removed, afterwards.
/// </summary>
public sealed class LocalCluster : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"refunds-cluster-{Guid.NewGuid():N}");
    private readonly int _port = FreeBlockOfPorts(5);

    /// <summary>The one address in front of both instances.</summary>
    public Uri Proxy => new($"http://127.0.0.1:{_port}");

    public Uri InstanceA => new($"http://127.0.0.1:{_port + 1}");

    public Uri InstanceB => new($"http://127.0.0.1:{_port + 2}");

    public Task InitializeAsync() => StartAsync();

    /// <summary>Starts whatever is not running (all of it at first; an instance killed by a test later).</summary>
    public Task StartAsync() => RunScriptAsync("start");

    /// <summary>Ends instance B at once, as <c>kill -9</c> would: no shutdown, no lease given back.</summary>
    public void KillInstanceB()
    {
        using var process = Process.GetProcessById(int.Parse(File.ReadAllText(Path.Combine(_directory, "instance-2.pid")).Trim()));
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    /// <summary>What instance A or B (1 or 2) logged so far.</summary>
    public string Log(int instance)
    {
        using var stream = new FileStream(Path.Combine(_directory, $"instance-{instance}.log"), FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return new StreamReader(stream).ReadToEnd();
    }

    public async Task DisposeAsync()
    {
        await RunScriptAsync("stop");
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A straggling log writer: the temp folder is left for the OS to clean.
        }
    }

    private async Task RunScriptAsync(string command)
    {
        var root = RepositoryRoot();
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = root };
        start.ArgumentList.Add(Path.Combine(root, "deploy", "local-cluster"));
        start.ArgumentList.Add(command);
        start.Environment["REFUNDS_CLUSTER_DIR"] = _directory;
        start.Environment["REFUNDS_CLUSTER_PORT"] = _port.ToString();
        start.Environment["REFUNDS_CLUSTER_PG_PORT"] = (_port + 3).ToString();
        start.Environment["REFUNDS_CLUSTER_REDIS_PORT"] = (_port + 4).ToString();
        start.Environment["REFUNDS_CLUSTER_APP"] = typeof(LocalCluster).Assembly.GetCustomAttribute<DashboardBuildAttribute>()!.Path;
        start.Environment["REFUNDS_CLUSTER_DEMO"] = "false";
        // A build (not a publish) finds its static web assets (Blazor's and MudBlazor's scripts) through
        // the development manifest, as under `dotnet run`.
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        // A fast bank and dispatcher, and limits a load of parallel test requests does not meet.
        start.Environment["Payouts__PollInterval"] = "00:00:00.200";
        start.Environment["SimulatedBank__SettlementDelay"] = "00:00:01";
        // A killed instance's leased refunds are taken over after 10 s, not 30.
        start.Environment["Payouts__LeaseDuration"] = "00:00:10";
        start.Environment["RateLimits__ApiPerClientPerMinute"] = "100000";
        start.Environment["RateLimits__TokenPerAddressPerMinute"] = "1000";
        start.Environment["RateLimits__SignInPerAddressPerMinute"] = "1000";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"deploy/local-cluster {command} failed ({process.ExitCode}):\n{await output}\n{await error}");
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Refunds.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("Refunds.sln not found above the test output.");
    }

    // Five consecutive free ports: proxy, two instances, PostgreSQL, Redis.
    private static int FreeBlockOfPorts(int count)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var first = Random.Shared.Next(20_000, 60_000);
            if (Enumerable.Range(first, count).All(IsFree)) return first;
        }
        throw new InvalidOperationException($"No {count} consecutive free loopback ports found.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
