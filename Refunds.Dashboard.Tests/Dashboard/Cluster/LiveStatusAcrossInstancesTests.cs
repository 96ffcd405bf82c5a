using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Refunds.Core.Refunds;
using Refunds.Dashboard.Components;
using Refunds.Dashboard.Payouts;
using Refunds.Dashboard.Tests.Support;

namespace Refunds.Dashboard.Tests.Dashboard.Cluster;

/// <summary>Two instances of the dashboard on one database and one Redis, as behind a load balancer.</summary>
public class LiveStatusAcrossInstancesTests(LiveStatusAcrossInstancesTests.TwoInstances cluster)
    : IClassFixture<LiveStatusAcrossInstancesTests.TwoInstances>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    // Long enough for a duplicate to arrive after the awaited event, had one been sent.
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task Status_changes_committed_on_either_instance_reach_hub_clients_on_both_exactly_once()
    {
        var token = await cluster.B.TokenAsync("integration-checker");
        var onA = await HubClient.ConnectAsync(cluster.A, token);
        var onB = await HubClient.ConnectAsync(cluster.B, token);
        await using var _ = onA;
        await using var __ = onB;

        // Created through B, approved through A, paid by whichever instance's dispatcher leases it.
        var refund = await cluster.B.RefundAsync(await cluster.B.PaymentAsync());
        await cluster.A.ApproveAsync(refund);

        string[] expected = ["CREATED", "APPROVED", "PENDING_WITH_BANK", "ACCEPTED_BY_BANK"];
        Assert.Equal(expected, await onA.StatusesOfAsync(refund, until: "ACCEPTED_BY_BANK"));
        Assert.Equal(expected, await onB.StatusesOfAsync(refund, until: "ACCEPTED_BY_BANK"));
    }

    [Fact]
    public async Task A_change_committed_on_one_instance_reaches_the_pages_of_every_instance_exactly_once()
    {
        using var pagesOnA = new PageFeed(cluster.A);
        using var pagesOnB = new PageFeed(cluster.B);

        var refund = await cluster.A.RefundAsync(await cluster.A.PaymentAsync());

        Assert.Equal([RefundStatus.Created], await pagesOnA.StatusesOfAsync(refund));
        Assert.Equal([RefundStatus.Created], await pagesOnB.StatusesOfAsync(refund));
    }

    [Fact]
    public async Task An_approval_that_leaves_a_refund_awaiting_another_reaches_the_pages_of_the_other_instance_with_the_approval()
    {
        var refund = await cluster.A.RefundAsync(await cluster.A.PaymentAsync(15_000m), 15_000m);
        using var pagesOnB = new PageFeed(cluster.B);

        await cluster.A.ApproveAsync(refund);

        var heard = Assert.Single(await pagesOnB.ChangesOfAsync(refund), c => c.Approval is not null);
        Assert.False(heard.IsStatusChange);
        Assert.Equal(("integration-checker", 1), (heard.Approval!.By, heard.Approval.Number));
    }

    [Fact]
    public async Task An_instance_reports_degraded_but_stays_ready_while_redis_is_away()
    {
        // A Redis of its own: stopping the shared one would cut the other tests' instances off mid-test.
        await using var redis = new RedisServer();
        await redis.StartAsync();
        await using var instance = new Instance(NewDatabase(), redis.ConnectionString);
        var health = instance.CreateClient();
        async Task ReadyAnswersAsync(string expected)
        {
            var deadline = DateTime.UtcNow + Timeout;
            while (true)
            {
                var response = await health.GetAsync("/health/ready");
                var body = await response.Content.ReadAsStringAsync();
                if (body == expected)
                {
                    Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
                    return;
                }
                if (DateTime.UtcNow > deadline) Assert.Fail($"/health/ready answered {(int)response.StatusCode} {body}, not {expected}");
                await Task.Delay(100);
            }
        }
        await ReadyAnswersAsync("Healthy");

        await redis.StopAsync();
        await ReadyAnswersAsync("Degraded");

        await redis.StartAsync();
        await ReadyAnswersAsync("Healthy");
    }

    [Fact]
    public async Task Pages_read_their_data_again_when_the_link_between_instances_comes_back()
    {
        await using var redis = new RedisServer();
        await redis.StartAsync();
        await using var instance = new Instance(NewDatabase(), redis.ConnectionString);
        using var pages = new PageFeed(instance);

        await redis.StopAsync();
        await redis.StartAsync();

        await pages.MissedChangesReported.Task.WaitAsync(Timeout);
    }

    [Fact]
    public async Task An_instance_started_while_redis_is_away_hears_the_others_once_it_is_back()
    {
        await using var redis = new RedisServer();
        var database = NewDatabase();
        await using var late = new Instance(database, redis.ConnectionString);
        _ = late.Server;
        using var pagesOnLate = new PageFeed(late);
        var token = await late.TokenAsync("integration-checker");
        // A hub client that comes while Redis is away is refused, during or right after its handshake
        // (whichever comes first); either way it must not spoil the hub for later ones.
        await Record.ExceptionAsync(async () => await (await HubClient.ConnectAsync(late, token)).DisposeAsync());

        await redis.StartAsync();
        await using var other = new Instance(database, redis.ConnectionString) { KeepDatabase = true };
        await pagesOnLate.MissedChangesReported.Task.WaitAsync(Timeout);
        // As a browser's client does: it tries again.
        await using var hubOnLate = await HubClient.ConnectAsync(late, token);
        var refund = await other.RefundAsync(await other.PaymentAsync());

        Assert.Equal([RefundStatus.Created], await pagesOnLate.StatusesOfAsync(refund));
        Assert.Equal(["CREATED"], await hubOnLate.StatusesOfAsync(refund, until: "CREATED"));
    }

    [Fact]
    public async Task A_batch_of_a_thousand_decisions_takes_its_usual_time_while_redis_does_not_answer()
    {
        await using var redis = new RedisServer();
        await redis.StartAsync();
        await using var instance = new Instance(NewDatabase(), redis.ConnectionString, dispatcher: false);
        var payment = await instance.PaymentAsync(1000m);
        var maker = await instance.Maker();
        var checker = await instance.Checker();
        async Task<TimeSpan> DecideAThousandAsync()
        {
            var created = await maker.PostAsJsonAsync("/payouts/refunds", Enumerable.Range(0, 1000)
                .Select(_ => new { payment_id = payment, amount = 0.25m, currency = "AED", reason_code = "CUSTOMER_REQUEST" }).ToArray());
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var decisions = (await ApiFactory.Json(created)).AsArray().Select(r => new { refund_id = r!["refund_id"]!.GetValue<Guid>(), status = "APPROVED" }).ToArray();
            var clock = Stopwatch.StartNew();
            var decided = await checker.PutAsJsonAsync("/payouts/refunds", decisions);
            clock.Stop();
            Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
            return clock.Elapsed;
        }
        var usual = await DecideAThousandAsync();

        await redis.PauseAsync();
        TimeSpan whileRedisIsPaused;
        try
        {
            whileRedisIsPaused = await DecideAThousandAsync();
        }
        finally
        {
            await redis.ResumeAsync();
        }

        // Generous for a busy machine, yet far below one Redis timeout (5 s) per change, had the request waited on the broadcasts.
        Assert.True(whileRedisIsPaused < usual * 2 + TimeSpan.FromSeconds(2), $"{whileRedisIsPaused} with Redis paused, {usual} with it running");
    }

    private static string NewDatabase() => Path.Combine(Path.GetTempPath(), $"refunds-cluster-{Guid.NewGuid():N}.db");

    /// <summary>What the pages of one circuit on an instance hear (<see cref="LiveRefunds"/>, as a circuit has it).</summary>
    private sealed class PageFeed : IDisposable
    {
        private readonly IServiceScope _circuit;
        private readonly ConcurrentQueue<RefundStatusChanged> _changes = new();

        public PageFeed(ApiFactory instance)
        {
            _circuit = instance.Services.CreateScope();
            _circuit.ServiceProvider.GetRequiredService<LiveRefunds>().Subscribe(notice =>
            {
                foreach (var change in notice.Changes) _changes.Enqueue(change);
                if (notice.MayHaveMissedChanges) MissedChangesReported.TrySetResult();
                return Task.CompletedTask;
            });
        }

        public TaskCompletionSource MissedChangesReported { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>The statuses heard for the refund, once one has been heard and nothing more came for a while.</summary>
        public async Task<RefundStatus[]> StatusesOfAsync(Guid refundId) => [.. (await ChangesOfAsync(refundId)).Select(c => c.Status)];

        /// <summary>The changes heard for the refund, once one has been heard and nothing more came for a while.</summary>
        public async Task<RefundStatusChanged[]> ChangesOfAsync(Guid refundId)
        {
            using var timeout = new CancellationTokenSource(Timeout);
            while (!_changes.Any(c => c.RefundId == refundId)) await Task.Delay(50, timeout.Token);
            await Task.Delay(LiveRefunds.Quiet + Settle);
            return [.. _changes.Where(c => c.RefundId == refundId)];
        }

        public void Dispose() => _circuit.Dispose();
    }

    /// <summary>A SignalR client of one instance's hub, keeping every event it receives.</summary>
    private sealed class HubClient : IAsyncDisposable
    {
        private readonly HubConnection _connection;
        private readonly ConcurrentQueue<RefundStatusChangedMessage> _events = new();

        private HubClient(HubConnection connection)
        {
            _connection = connection;
            _connection.On<RefundStatusChangedMessage>(RefundsHub.StatusChanged, _events.Enqueue);
        }

        public static async Task<HubClient> ConnectAsync(ApiFactory instance, string token)
        {
            var client = new HubClient(new HubConnectionBuilder()
                .WithUrl(new Uri(instance.Server.BaseAddress, RefundsHub.Path), o =>
                {
                    o.HttpMessageHandlerFactory = _ => instance.Server.CreateHandler();
                    o.Transports = HttpTransportType.LongPolling;
                    o.AccessTokenProvider = () => Task.FromResult<string?>(token);
                })
                .AddJsonProtocol(o => o.PayloadSerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower)
                .Build());
            await client._connection.StartAsync();
            return client;
        }

        /// <summary>The statuses received for the refund, once <paramref name="until"/> has come and nothing more for a while.</summary>
        public async Task<string[]> StatusesOfAsync(Guid refundId, string until)
        {
            using var timeout = new CancellationTokenSource(Timeout);
            while (!_events.Any(e => e.RefundId == refundId && e.Status == until)) await Task.Delay(50, timeout.Token);
            await Task.Delay(Settle);
            return [.. _events.Where(e => e.RefundId == refundId).Select(e => e.Status)];
        }

        public ValueTask DisposeAsync() => _connection.DisposeAsync();
    }

    /// <summary>A Redis and two instances on one database, each running the payout dispatcher.</summary>
    public sealed class TwoInstances : IAsyncLifetime
    {
        private readonly string _database = NewDatabase();
        private readonly RedisServer _redis = new();

        public ApiFactory A { get; private set; } = null!;

        public ApiFactory B { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            await _redis.StartAsync();
            A = new Instance(_database, _redis.ConnectionString);
            // The first instance migrates the database and makes the identity provider's keys; the second finds them.
            _ = A.Server;
            B = new Instance(_database, _redis.ConnectionString) { KeepDatabase = true };
            _ = B.Server;
        }

        public async Task DisposeAsync()
        {
            await B.DisposeAsync();
            await A.DisposeAsync();
            await _redis.DisposeAsync();
        }
    }

    private sealed class Instance : ApiFactory
    {
        private readonly string _redis;
        private readonly bool _dispatcher;

        public Instance(string databasePath, string redis, bool dispatcher = true)
        {
            DatabasePath = databasePath;
            _redis = redis;
            _dispatcher = dispatcher;
        }

        protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings =>
        [
            new("ConnectionStrings:Redis", _redis),
            new("Payouts:DispatcherEnabled", _dispatcher ? "true" : "false"),
            new("Payouts:PollInterval", "00:00:00.100"),
            new("SimulatedBank:SettlementDelay", "00:00:00.200"),
        ];
    }
}
