using System.Net;
using Refunds.Dashboard.Identity.BuiltInProvider;
using Refunds.Dashboard.Tests.Support;

namespace Refunds.Dashboard.Tests.Dashboard.Hardening;

/// <summary>
/// Two instances of the dashboard counting against one limit, as behind a load balancer: the attempts
/// both allow together add up to the limit, never to a limit each. Run on the database's counters (SQLite
/// and PostgreSQL) and on Redis's.
/// </summary>
public abstract class LimitsAcrossInstancesTests
{
    /// <summary>What both instances share besides their SQLite file: another database, or a Redis.</summary>
    protected abstract Task<Shared> SharedAsync();

    /// <summary>Settings both instances get, and what to remove once they are gone.</summary>
    protected sealed record Shared((string Key, string Value)[] Settings, IAsyncDisposable? Resource = null);

    [Fact]
    public async Task Failed_sign_ins_spread_over_two_instances_lock_the_username_on_both()
    {
        await using var cluster = TwoInstances.Start(await SharedAsync(), ("BuiltInProvider:LockoutThreshold", "3"));
        // Two failures on A and one on B: neither instance alone saw three.
        foreach (var instance in new[] { cluster.A, cluster.B, cluster.A })
            await new BrowserSession(instance).SignInAsync("approver2", "wrong");

        var withRightPassword = await new BrowserSession(cluster.B).SignInAsync("approver2");

        Assert.Contains(ProviderEndpoints.SignInRefused, WebUtility.HtmlDecode(await withRightPassword.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Sign_ins_from_one_address_over_two_instances_add_up_to_the_limit()
    {
        await using var cluster = TwoInstances.Start(await SharedAsync(), ("RateLimits:SignInPerAddressPerMinute", "3"));

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
            statuses.Add((await new BrowserSession(cluster.Alternately(i)).SignInAsync("viewer")).StatusCode);

        Assert.Equal(3, statuses.Count(s => s != HttpStatusCode.TooManyRequests));
    }

    [Fact]
    public async Task Token_requests_from_one_address_over_two_instances_add_up_to_the_limit()
    {
        await using var cluster = TwoInstances.Start(await SharedAsync(), ("RateLimits:TokenPerAddressPerMinute", "4"));

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
        {
            var response = await cluster.Alternately(i).CreateClient().PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials", ["client_id"] = "integration-maker", ["client_secret"] = "wrong",
            }));
            statuses.Add(response.StatusCode);
        }

        Assert.Equal(4, statuses.Count(s => s != HttpStatusCode.TooManyRequests));
    }

    [Fact]
    public async Task Api_calls_of_one_client_over_two_instances_add_up_to_its_limit()
    {
        await using var cluster = TwoInstances.Start(await SharedAsync(), ("RateLimits:ApiPerClientPerMinute", "5"));
        var token = await cluster.A.TokenAsync("integration-maker");
        var clients = new[] { cluster.A.ApiClient(token), cluster.B.ApiClient(token) };

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++) statuses.Add((await clients[i % 2].GetAsync("/payouts/refunds/reasons")).StatusCode);

        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.All(statuses.Where(s => s != HttpStatusCode.OK), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));
    }

    /// <summary>Two instances on one database file (and the Redis, when given), with the settings of a test.</summary>
    protected sealed class TwoInstances : IAsyncDisposable
    {
        private readonly IAsyncDisposable? _shared;

        private TwoInstances(ApiFactory a, ApiFactory b, IAsyncDisposable? shared) => (A, B, _shared) = (a, b, shared);

        public ApiFactory A { get; }

        public ApiFactory B { get; }

        /// <summary>A for even attempts, B for odd ones.</summary>
        public ApiFactory Alternately(int attempt) => attempt % 2 == 0 ? A : B;

        public static TwoInstances Start(Shared shared, params (string Key, string Value)[] settings)
        {
            var database = Path.Combine(Path.GetTempPath(), $"refunds-limits-{Guid.NewGuid():N}.db");
            var a = new Instance(database, [.. shared.Settings, .. settings]);
            // The first instance migrates the database and makes the identity provider's keys; the second finds them.
            _ = a.Server;
            var b = new Instance(database, [.. shared.Settings, .. settings]) { KeepDatabase = true };
            _ = b.Server;
            return new TwoInstances(a, b, shared.Resource);
        }

        public async ValueTask DisposeAsync()
        {
            await B.DisposeAsync();
            await A.DisposeAsync();
            if (_shared is not null) await _shared.DisposeAsync();
        }
    }

    protected sealed class Instance : ApiFactory
    {
        private readonly (string Key, string Value)[] _settings;

        public Instance(string databasePath, (string Key, string Value)[] settings)
        {
            DatabasePath = databasePath;
            _settings = settings;
        }

        protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings =>
            _settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value));
    }
}

public sealed class LimitsAcrossInstancesOnSqliteTests : LimitsAcrossInstancesTests
{
    protected override Task<Shared> SharedAsync() => Task.FromResult(new Shared([]));
}

public sealed class LimitsAcrossInstancesOnPostgreSqlTests : LimitsAcrossInstancesTests
{
    protected override async Task<Shared> SharedAsync()
    {
        var database = await TestDatabase.CreateAsync(Refunds.Core.Persistence.DatabaseProvider.PostgreSql);
        return new Shared([("Database:Provider", "PostgreSql"), ("ConnectionStrings:Refunds", database.ConnectionString)], database);
    }
}

public sealed class LimitsAcrossInstancesOnRedisTests(LimitsAcrossInstancesOnRedisTests.OneRedis redis) : LimitsAcrossInstancesTests,
    IClassFixture<LimitsAcrossInstancesOnRedisTests.OneRedis>
{
    // Each pair counts under its own Redis prefix, as two deployments sharing one Redis would.
    protected override Task<Shared> SharedAsync() =>
        Task.FromResult(new Shared([("ConnectionStrings:Redis", $"{redis.Server.ConnectionString},channelPrefix=refunds-{Guid.NewGuid():N}")]));

    /// <summary>One Redis for the class's tests.</summary>
    public sealed class OneRedis : IAsyncLifetime
    {
        public RedisServer Server { get; } = new();

        public Task InitializeAsync() => Server.StartAsync();

        public Task DisposeAsync() => Server.DisposeAsync().AsTask();
    }

    [Fact]
    public async Task While_redis_does_not_answer_each_instance_still_limits_the_requests_it_sees()
    {
        var nothingListens = $"127.0.0.1:{LoopbackPort.Free()}";
        await using var instance = new Instance(Path.Combine(Path.GetTempPath(), $"refunds-limits-{Guid.NewGuid():N}.db"),
            [("ConnectionStrings:Redis", nothingListens), ("RateLimits:TokenPerAddressPerMinute", "2")]);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            var response = await instance.CreateClient().PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials", ["client_id"] = "integration-maker", ["client_secret"] = "integration-maker-secret",
            }));
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
    }
}
