using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Refunds.Dashboard.Tests.Support;

/// <summary>
/// The whole dashboard in memory on a fresh SQLite file, with its built-in identity provider: tokens
/// and sign-ins in these tests are real ones. Demo data is off.
/// </summary>
public class DashboardFactory : WebApplicationFactory<Program>
{
    /// <summary>The database file: a fresh one, unless a test shares one between factories (a restart).</summary>
    public string DatabasePath { get; init; } = Path.Combine(Path.GetTempPath(), $"refunds-app-{Guid.NewGuid():N}.db");

    /// <summary>Whether disposing deletes the database file (not when a later factory reuses it).</summary>
    public bool KeepDatabase { get; set; }

    /// <summary>Extra settings for a test class that needs them.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> Settings => [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        // The repository root, where the one appsettings.json lives (as under `dotnet run`).
        builder.UseContentRoot(RepositoryRoot());
        builder.UseSetting("ConnectionStrings:Refunds", $"Data Source={DatabasePath}");
        builder.UseSetting("DemoData:Enabled", "false");
        // The in-memory server has no address of its own: name the issuer the test client uses.
        builder.UseSetting("BuiltInProvider:Issuer", "http://localhost/");
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
        builder.ConfigureTestServices(services =>
        {
            // The handlers fetch the provider's discovery document and keys from this same in-memory server.
            services.AddOptions<OpenIdConnectOptions>(OpenIdConnectDefaults.AuthenticationScheme)
                .Configure<IServer>((o, server) => o.BackchannelHttpHandler = ((TestServer)server).CreateHandler());
            services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
                .Configure<IServer>((o, server) => o.BackchannelHttpHandler = ((TestServer)server).CreateHandler());
        });
    }

    /// <summary>An access token from the provider's token endpoint (client credentials grant).</summary>
    public async Task<string> TokenAsync(string clientId, string? scope = null)
    {
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = clientId + "-secret",
        };
        if (scope is not null) form["scope"] = scope;
        var response = await CreateClient().PostAsync("/connect/token", new FormUrlEncodedContent(form));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString()!;
    }

    /// <summary>A client that sends the given bearer token.</summary>
    public HttpClient ApiClient(string token)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Refunds.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("Refunds.sln not found above the test output.");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (!KeepDatabase)
        {
            foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(DatabasePath + suffix);
        }
        GC.SuppressFinalize(this);
    }
}
