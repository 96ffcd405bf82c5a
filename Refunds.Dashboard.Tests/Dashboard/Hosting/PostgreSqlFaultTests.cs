using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Refunds.Core.Payouts;
using Refunds.Core.Persistence;
using Refunds.Core.Refunds;
using Refunds.Dashboard.Tests.Support;

namespace Refunds.Dashboard.Tests.Dashboard.Hosting;

/// <summary>
/// The app on a PostgreSQL server of its own, under a steady run of creates and approvals with payouts
/// going on, while an operator ends the app's database sessions and then restarts the server.
/// </summary>
public sealed class PostgreSqlFaultTests
{
    private const int Workers = 4;
    private const int Payments = 20;
    private static readonly TimeSpan ReadyWithin = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_batch_run_survives_ended_sessions_and_a_server_restart_without_losing_or_doubling_a_refund_or_a_payout()
    {
        await using var server = await PostgreSqlServer.StartPrivateAsync();
        var database = await server.CreateDatabaseAsync();
        await using var app = new OnPostgreSql(server.ConnectionStringFor(database));
        var maker = await app.Maker();
        var checker = await app.Checker();
        var payments = new List<Guid>();
        for (var i = 0; i < Payments; i++) payments.Add(await app.PaymentAsync(100m));
        var clock = Stopwatch.StartNew();
        var calls = new ConcurrentQueue<Call>();
        var created = new ConcurrentDictionary<string, Guid>();
        using var stop = new CancellationTokenSource();

        // Asks until it has an answer other than a 5xx; a request that failed is asked again as it was.
        async Task<HttpResponseMessage> AnsweredAsync(string what, Func<Task<HttpResponseMessage>> send)
        {
            for (var attempt = 1; ; attempt++)
            {
                var started = clock.Elapsed;
                HttpResponseMessage? response = null;
                try
                {
                    response = await send();
                }
                catch (HttpRequestException)
                {
                }
                var status = response is null ? 0 : (int)response.StatusCode;
                calls.Enqueue(new Call(what, started, clock.Elapsed, status, attempt));
                if (response is not null && status < 500) return response;
                await Task.Delay(100);
            }
        }

        async Task WorkAsync(int worker)
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var key = $"fault-{worker}-{i}";
                var payment = payments[(worker * 7 + i) % Payments];
                var create = await AnsweredAsync($"create {key}", () => maker.PostAsJsonAsync("/payouts/refunds", new[]
                {
                    new { payment_id = payment, amount = 1.00m, currency = "AED", reason_code = "CUSTOMER_REQUEST", idempotency_key = key },
                }));
                Assert.True(create.StatusCode == HttpStatusCode.Created, $"create {key}: {(int)create.StatusCode} {await create.Content.ReadAsStringAsync()}");
                var refund = (await ApiFactory.Json(create))[0]!["refund_id"]!.GetValue<Guid>();
                created[key] = refund;
                var approve = await AnsweredAsync($"approve {key}", () => checker.PutAsJsonAsync("/payouts/refunds", new[] { new { refund_id = refund, status = "APPROVED" } }));
                Assert.True(approve.StatusCode == HttpStatusCode.OK, $"approve {key}: {(int)approve.StatusCode} {await approve.Content.ReadAsStringAsync()}");
                await Task.Delay(20);
            }
        }

        var workers = Enumerable.Range(0, Workers).Select(w => Task.Run(() => WorkAsync(w))).ToList();
        await Task.Delay(TimeSpan.FromSeconds(2));
        var sessionsEndedAt = clock.Elapsed;
        Assert.True(await server.TerminateSessionsAsync(database) > 0, "the app had no database sessions to end");
        await Task.Delay(TimeSpan.FromSeconds(2));
        var restartBegan = clock.Elapsed;
        await server.RestartAsync();
        var restartEnded = clock.Elapsed;
        var health = app.CreateClient();
        while (true)
        {
            var ready = await health.GetAsync("/health/ready");
            if (ready.StatusCode == HttpStatusCode.OK && await ready.Content.ReadAsStringAsync() == "Healthy") break;
            Assert.True(clock.Elapsed - restartEnded < ReadyWithin, $"/health/ready answered {(int)ready.StatusCode} {ReadyWithin} after the database was back");
            await Task.Delay(100);
        }
        await Task.Delay(TimeSpan.FromSeconds(2));
        await stop.CancelAsync();
        await Task.WhenAll(workers);

        // Only a request in flight while the server restarted may have failed.
        var failed = calls.Where(c => c.Status is 0 or >= 500).ToList();
        Assert.All(failed, c => Assert.True(c.Started <= restartEnded && c.Ended >= restartBegan,
            $"{c.What} failed with {c.Status} at {c.Started}-{c.Ended}, outside the restart ({restartBegan}-{restartEnded}); " +
            $"the app logged: {string.Join("\n", app.Errors.Select(e => e[..Math.Min(e.Length, 1500)]).Take(8))}"));
        // Work went on before, between and after the faults.
        Assert.Contains(calls, c => c.Ended < sessionsEndedAt);
        Assert.Contains(calls, c => c.Started > sessionsEndedAt && c.Ended < restartBegan);
        Assert.Contains(calls, c => c.Started > restartEnded);

        var contexts = app.Services.GetRequiredService<IDbContextFactory<RefundsDbContext>>();
        await using (var db = await contexts.CreateDbContextAsync())
        {
            // Every refund answered is there, once, under its key; nothing else was made.
            var refunds = await db.Refunds.AsNoTracking().Include(r => r.History).ToListAsync();
            Assert.Equal(created.Values.Order(), refunds.Select(r => r.Id).Order());
            Assert.All(refunds, r => Assert.Equal(created[r.IdempotencyKey!], r.Id));
            // Each was approved exactly once.
            Assert.All(refunds, r => Assert.Single(r.History, h => h.To == RefundStatus.Approved));
            // No payment holds more than its amount, and each holds exactly its refunds.
            foreach (var payment in await db.Payments.AsNoTracking().ToListAsync())
            {
                Assert.True(payment.ReservedMinor <= payment.AmountMinor);
                Assert.Equal(refunds.Where(r => r.PaymentId == payment.Id).Sum(r => r.AmountMinor), payment.ReservedMinor);
            }
        }

        // Every refund is paid, once.
        var paidBy = clock.Elapsed + TimeSpan.FromSeconds(90);
        while (true)
        {
            await using var db = await contexts.CreateDbContextAsync();
            if (await db.Refunds.AllAsync(r => r.Status == RefundStatus.AcceptedByBank)) break;
            Assert.True(clock.Elapsed < paidBy, "the refunds were not all paid out");
            await Task.Delay(250);
        }
        await using (var db = await contexts.CreateDbContextAsync())
        {
            var payouts = await db.SimulatedPayouts.AsNoTracking().ToListAsync();
            Assert.Equal(created.Values.Select(id => id.ToString()).Order(), payouts.Select(p => p.Reference).Order());
            Assert.All(payouts, p => Assert.Equal(PayoutState.Paid, p.State));
            var account = await db.SimulatedPayoutAccounts.AsNoTracking().SingleAsync(a => a.Currency == "AED");
            Assert.Equal(5_000_000_00L - created.Count * 100L, account.BalanceMinor);
            Assert.All(await db.Payments.AsNoTracking().ToListAsync(), p => Assert.Equal(p.ReservedMinor, p.RefundedMinor));
        }
    }

    private sealed record Call(string What, TimeSpan Started, TimeSpan Ended, int Status, int Attempt);

    private sealed class OnPostgreSql(string connectionString) : ApiFactory
    {
        private readonly ConcurrentQueue<string> _errors = new();

        /// <summary>What the app logged as errors, with their exceptions: why a request failed.</summary>
        public IEnumerable<string> Errors => _errors;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureLogging(logging => logging.AddProvider(new ErrorLog(_errors)));
        }

        protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings =>
        [
            new("Database:Provider", "PostgreSql"),
            new("ConnectionStrings:Refunds", connectionString),
            new("Payouts:DispatcherEnabled", "true"),
            new("Payouts:PollInterval", "00:00:00.100"),
            new("SimulatedBank:SettlementDelay", "00:00:00.200"),
            // The run is faster than an integration client is allowed by default.
            new("RateLimits:ApiPerClientPerMinute", "1000000"),
        ];
    }

    private sealed class ErrorLog(ConcurrentQueue<string> errors) : ILoggerProvider, ILogger
    {
        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) errors.Enqueue($"{formatter(state, exception)} {exception}");
        }

        public void Dispose()
        {
        }
    }
}
