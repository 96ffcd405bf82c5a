using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.SignalR.Client;

namespace Refunds.Bench;

/// <summary>
/// Figure 5: a hub client's view of live status. Refunds are created one at a time; for each, the
/// time from the engine's transition instant (the event's <c>at</c>, stamped just before the commit,
/// so the figure errs high) to the hub client receiving <c>RefundStatusChanged</c>.
/// </summary>
public static class LivePush
{
    public static async Task RunAsync(AppProcess app, RefundsApi maker, Sizes sizes, long firstPayment, Report report)
    {
        var waiting = new ConcurrentDictionary<Guid, TaskCompletionSource<TimeSpan>>();
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(app.BaseAddress, "/hubs/refunds"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(maker.AccessToken))
            .Build();
        hub.On<JsonElement>("RefundStatusChanged", change =>
        {
            var received = DateTimeOffset.UtcNow;
            if (change.GetProperty("status").GetString() == "CREATED"
                && waiting.TryRemove(change.GetProperty("payment_id").GetGuid(), out var pending))
                pending.TrySetResult(received - change.GetProperty("at").GetDateTimeOffset());
        });
        await hub.StartAsync();

        var latencies = new List<double>(sizes.PushEvents);
        for (var n = firstPayment; n < firstPayment + sizes.PushEvents; n++)
        {
            var pending = waiting[Guid.Parse(Seeder.PaymentId(n))] = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
            await maker.SendAsync(HttpMethod.Post, "/payouts/refunds",
                new JsonObject { ["payment_id"] = Seeder.PaymentId(n), ["amount"] = 1.00m, ["reason_code"] = "CUSTOMER_REQUEST" });
            latencies.Add((await pending.Task.WaitAsync(TimeSpan.FromSeconds(30))).TotalMilliseconds);
        }

        latencies.Sort();
        var p95 = latencies[(int)Math.Ceiling(0.95 * latencies.Count) - 1];
        report.Add(new Figure("5.p95", "Live push: commit to RefundStatusChanged p95", p95, "ms", "< 100 ms", p95 < 100,
            $"{latencies.Count:N0} events, one create at a time, one hub client (bearer token, WebSockets); " +
            $"p50 {latencies[latencies.Count / 2]:0.#} ms, max {latencies[^1]:0.#} ms; from the event's own timestamp, same machine clock"));
    }
}
