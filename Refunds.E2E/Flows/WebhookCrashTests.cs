using Refunds.E2E.Harness;

namespace Refunds.E2E.Flows;

/// <summary>
/// The webhook guarantee with a real process: kill -9 while events are being delivered, start again on
/// the same database, and every event arrives at least once, each always under its own webhook-id.
/// </summary>
public class WebhookCrashTests : IAsyncLifetime
{
    private readonly WebhookListener _receiver = new(answerAfter: TimeSpan.FromMilliseconds(100));

    private readonly DashboardProcess _app = new()
    {
        Settings =
        {
            ["DemoData:Enabled"] = "false",
            ["Payouts:DispatcherEnabled"] = "false",
            ["Webhooks:Concurrency"] = "2",
            ["Webhooks:Timeout"] = "00:00:05",
            ["Webhooks:LeaseDuration"] = "00:00:15",
        },
    };

    public Task InitializeAsync() => _app.StartAsync();

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        _receiver.Dispose();
    }

    [Fact]
    public async Task Killing_the_process_mid_delivery_still_delivers_every_event_under_one_webhook_id_each()
    {
        var (maker, checker) = (await RefundsApi.SignInAsync(_app.BaseAddress, "integration-maker"), await RefundsApi.SignInAsync(_app.BaseAddress, "integration-checker"));
        await maker.SendAsync(HttpMethod.Post, "/webhooks/endpoints", new { url = _receiver.Url });
        var payments = new List<Guid>();
        for (var i = 0; i < 25; i++) payments.Add((await maker.SeedPaymentAsync(100m, reconciled: true)).Id);
        var created = await maker.SendAsync(HttpMethod.Post, "/payouts/refunds",
            payments.Select(id => new { payment_id = id, amount = 12.34m, reason_code = "ORDER_CANCELLED" }).ToArray());
        var refundIds = created.AsArray().Select(r => r!["refund_id"]!.GetValue<Guid>()).ToList();
        await checker.SendAsync(HttpMethod.Put, "/payouts/refunds", refundIds.Select(id => new { refund_id = id, status = "APPROVED" }).ToArray());

        // Let the worker get part-way through the 50 events, then pull the plug.
        await Wait.UntilAsync(() => Task.FromResult(_receiver.Received.Count >= 5), TimeSpan.FromSeconds(30));
        await _app.KillAsync();
        var beforeKill = _receiver.Received.Select(m => m.Id).Distinct().Count();
        await _app.StartAsync();
        var expected = refundIds.SelectMany(id => new[] { ("refund.created", id), ("refund.approved", id) }).ToHashSet();
        await Wait.UntilAsync(() => Task.FromResult(expected.IsSubsetOf(_receiver.Received.Select(m => (m.Type, m.RefundId)))), TimeSpan.FromSeconds(90));

        Assert.True(beforeKill < expected.Count, $"The kill came too late: {beforeKill} of {expected.Count} were already delivered.");
        var idsPerEvent = _receiver.Received.GroupBy(m => (m.Type, m.RefundId)).ToDictionary(g => g.Key, g => g.Select(m => m.Id).Distinct().Count());
        Assert.All(idsPerEvent, e => Assert.Equal(1, e.Value));
        Assert.Equal(expected.Count, _receiver.Received.Select(m => m.Id).Distinct().Count());
    }
}
