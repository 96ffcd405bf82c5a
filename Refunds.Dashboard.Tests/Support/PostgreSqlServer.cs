using System.Diagnostics;
using Npgsql;

namespace Refunds.Dashboard.Tests.Support;

/// <summary>
/// A private PostgreSQL server for the tests: Debian's <c>postgresql</c> binaries, a fresh cluster in a
/// temp folder on a free loopback port, started on first use and stopped (its folder removed) when
/// the test process ends.
/// Durability is switched off (fsync=off): these tests are about concurrency, not crashes of the
/// database server. <c>REFUNDS_TEST_POSTGRES</c> (a connection string with rights to create databases)
/// uses an existing server instead. A test that stops or restarts its server starts one of its own
/// (<see cref="StartPrivateAsync"/>). The benchmark driver (bench/ compiles this file in) measures on
/// a durable one (<see cref="StartDurableAsync"/>).
/// </summary>
public sealed class PostgreSqlServer : IAsyncDisposable
{
    private static readonly Lazy<Task<PostgreSqlServer>> Shared = new(StartAsync);
    private readonly NpgsqlConnectionStringBuilder _admin;
    // The cluster's folder, for a server started here (null for an existing one).
    private readonly string? _directory;

    private PostgreSqlServer(string adminConnectionString, string? directory = null)
    {
        _admin = new NpgsqlConnectionStringBuilder(adminConnectionString);
        _directory = directory;
    }

    /// <summary>The one server of this test process.</summary>
    public static Task<PostgreSqlServer> GetAsync() => Shared.Value;

    /// <summary>A server for one test alone, which it may restart; stopped and removed on dispose.</summary>
    public static Task<PostgreSqlServer> StartPrivateAsync() => StartFromBinariesAsync(durable: false);

    /// <summary>
    /// A server durable at commit as deployed (PostgreSQL's defaults, as <c>deploy/local-cluster</c> runs it:
    /// fsync, synchronous_commit and full_page_writes on), for timing what commits cost; stopped and removed on dispose.
    /// </summary>
    public static Task<PostgreSqlServer> StartDurableAsync() => StartFromBinariesAsync(durable: true);

    /// <summary>
    /// Restarts the server as an operator would (a fast shutdown: every session is ended, open transactions
    /// are rolled back), and returns once it answers again.
    /// </summary>
    public async Task RestartAsync()
    {
        var directory = _directory ?? throw new InvalidOperationException("Only a server the tests started can be restarted.");
        await File.WriteAllTextAsync(Path.Combine(directory, "restart"), "");
        var postmaster = await StopPostmasterAsync(directory);
        while (Directory.Exists($"/proc/{postmaster}")) await Task.Delay(20);
        await WaitUntilAnswersAsync(DateTime.UtcNow.AddSeconds(30), () => false, () => "the restarted server did not answer");
    }

    /// <summary>Stops a server started here; its watchdog removes its folder.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_directory is null) return;
        NpgsqlConnection.ClearAllPools();
        var postmaster = await StopPostmasterAsync(_directory);
        while (Directory.Exists($"/proc/{postmaster}")) await Task.Delay(20);
    }

    private static async Task<int> StopPostmasterAsync(string directory)
    {
        var postmaster = int.Parse((await File.ReadAllLinesAsync(Path.Combine(directory, "data", "postmaster.pid")))[0]);
        using var kill = Process.Start("kill", ["-INT", postmaster.ToString()]);
        await kill.WaitForExitAsync();
        return postmaster;
    }

    private async Task WaitUntilAnswersAsync(DateTime deadline, Func<bool> gaveUp, Func<string> why)
    {
        // Not from a pool: pooled connections of the server's last run are dead.
        var check = new NpgsqlConnectionStringBuilder(_admin.ConnectionString) { Pooling = false }.ConnectionString;
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(check);
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand("SELECT 1", connection);
                await command.ExecuteScalarAsync();
                return;
            }
            catch (Exception) when (DateTime.UtcNow < deadline && !gaveUp())
            {
                await Task.Delay(50);
            }
            catch (Exception ex)
            {
                throw new InvalidOperationException(why(), ex);
            }
        }
    }

    public string ConnectionStringFor(string database) => new NpgsqlConnectionStringBuilder(_admin.ConnectionString) { Database = database }.ConnectionString;

    /// <summary>Creates an empty database, or a copy of <paramref name="template"/>; returns its name.</summary>
    public async Task<string> CreateDatabaseAsync(string? template = null, string? name = null)
    {
        name ??= $"refunds_test_{Guid.NewGuid():N}";
        var sql = $"CREATE DATABASE \"{name}\"" + (template is null ? "" : $" TEMPLATE \"{template}\"");
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await ExecuteAsync(sql);
                return name;
            }
            // Copying a template fails while another copy of it is being made ("being accessed by other users").
            catch (PostgresException ex) when (ex.SqlState == "55006" && attempt < 50)
            {
                await Task.Delay(100);
            }
        }
    }

    public async Task DropDatabaseAsync(string name)
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    /// <summary>Ends every session on <paramref name="database"/>, as an operator's <c>pg_terminate_backend</c> does; returns how many.</summary>
    public async Task<int> TerminateSessionsAsync(string database)
    {
        await using var connection = new NpgsqlConnection(_admin.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", connection);
        command.Parameters.AddWithValue(database);
        return (int)(long)(await command.ExecuteScalarAsync())!;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_admin.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<PostgreSqlServer> StartAsync() =>
        Environment.GetEnvironmentVariable("REFUNDS_TEST_POSTGRES") is { Length: > 0 } existing
            ? new PostgreSqlServer(existing)
            : await StartFromBinariesAsync(durable: false);

    private static async Task<PostgreSqlServer> StartFromBinariesAsync(bool durable)
    {
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "postgres")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var major) ? major : 0).FirstOrDefault()
            : null;
        if (bin is null)
            throw new InvalidOperationException(
                "PostgreSQL is not installed: run ./test or bench/run (they install Debian's postgresql as root), `apt-get install postgresql`, " +
                "or set REFUNDS_TEST_POSTGRES to a connection string of a server where the tests may create databases.");

        var directory = Path.Combine(Path.GetTempPath(), $"refunds-pg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        // PostgreSQL refuses to run as root: as root, the cluster belongs to Debian's postgres user.
        var asRoot = Environment.UserName == "root";
        if (asRoot) await RunAsync("chown", ["postgres:postgres", directory], asRoot: false);
        var data = Path.Combine(directory, "data");
        await RunAsync(Path.Combine(bin, "initdb"), ["-D", data, "-U", "refunds", "--auth=trust", "-E", "UTF8", "--no-sync", "--no-instructions"], asRoot);

        var port = LoopbackPort.Free();
        string[] durability = durable ? [] : ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"];
        var server = StartWatched(directory, Path.Combine(bin, "postgres"), ["-D", data, "-p", port.ToString(), "-k", directory, "-c", "listen_addresses=127.0.0.1",
            .. durability, "-c", "max_connections=300"], asRoot);
        // The server logs to its output: drained (its last lines kept for a failed start) so it never blocks on a full pipe.
        var log = new Queue<string>();
        void Keep(string? line)
        {
            if (line is null) return;
            lock (log)
            {
                log.Enqueue(line);
                if (log.Count > 50) log.Dequeue();
            }
        }
        server.OutputDataReceived += (_, e) => Keep(e.Data);
        server.ErrorDataReceived += (_, e) => Keep(e.Data);
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        var instance = new PostgreSqlServer($"Host=127.0.0.1;Port={port};Username=refunds;Database=postgres;Pooling=true;Maximum Pool Size=50", directory);
        await instance.WaitUntilAnswersAsync(DateTime.UtcNow.AddSeconds(30), () => server.HasExited,
            () => { lock (log) return $"The test PostgreSQL server did not start: {string.Join('\n', log)}"; });
        return instance;
    }

    private static Process Start(string program, IEnumerable<string> arguments, bool asRoot)
    {
        var start = new ProcessStartInfo(asRoot ? "runuser" : program) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        if (asRoot) foreach (var prefix in new[] { "-u", "postgres", "--", program }) start.ArgumentList.Add(prefix);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        return Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
    }

    // A watchdog shell stops the server (a fast shutdown, signalled to the postmaster itself) and removes
    // its folder once this test process is gone, however it ended: a test host killed by the runner
    // runs no exit handlers, and a leftover server would outlive the run. A server that stopped while a
    // file named "restart" is in its folder is started again instead (RestartAsync).
    private const string Watchdog =
        "owner=$1; directory=$2; shift 2; " +
        "while :; do \"$@\" & server=$!; " +
        "while kill -0 \"$owner\" 2>/dev/null && kill -0 \"$server\" 2>/dev/null; do sleep 0.2; done; " +
        "kill -INT \"$(head -n 1 \"$directory/data/postmaster.pid\" 2>/dev/null)\" 2>/dev/null; wait \"$server\"; " +
        "[ -e \"$directory/restart\" ] && kill -0 \"$owner\" 2>/dev/null || break; rm -f \"$directory/restart\"; done; " +
        "rm -rf \"$directory\"";

    private static Process StartWatched(string directory, string program, IEnumerable<string> arguments, bool asRoot) =>
        Start("sh", ["-c", Watchdog, "watchdog", Environment.ProcessId.ToString(), directory,
            .. asRoot ? ["runuser", "-u", "postgres", "--", program] : new[] { program }, .. arguments], asRoot: false);

    private static async Task RunAsync(string program, IEnumerable<string> arguments, bool asRoot)
    {
        using var process = Start(program, arguments, asRoot);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{Path.GetFileName(program)} failed ({process.ExitCode}): {await output}{await error}");
    }
}
