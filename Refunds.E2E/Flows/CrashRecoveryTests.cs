using Refunds.E2E.Harness;

namespace Refunds.E2E.Flows;

/// <summary>
/// The payout guarantee with a real process: kill -9 in the middle of paying out a batch of 50
/// approvals, start again on the same database, and every refund ends paid exactly once.
/// </summary>
public class CrashRecoveryTests : IAsyncLifetime
{
    private readonly DashboardProcess _app = new()
    {
        Settings =
        {
            ["DemoData:Enabled"] = "false",
            ["Payouts:PollInterval"] = "00:00:00.100",
            ["Payouts:Concurrency"] = "2",
            ["SimulatedBank:SettlementDelay"] = "00:00:01",
            // What the killed process had leased is taken over when its lease runs out: 10 s, not 30, of waiting.
            ["Payouts:LeaseDuration"] = "00:00:10",
        },
    };

    public Task InitializeAsync() => _app.StartAsync();

    public Task DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task Killing_the_process_mid_batch_of_50_approvals_still_pays_each_refund_exactly_once()
    {
        var (maker, checker) = (await RefundsApi.SignInAsync(_app.BaseAddress, "integration-maker"), await RefundsApi.SignInAsync(_app.BaseAddress, "integration-checker"));
        var paymentIds = Enumerable.Range(0, 50).Select(_ => Guid.NewGuid()).ToList();
        await maker.SendAsync(HttpMethod.Post, "/payments", paymentIds.Select(id => new
        {
            payment_id = id, amount = 100m, currency = "AED",
            payer = new { name = "Ahmed Haddad", iban = "AE070331234567890123456" },
        }).ToArray());
        foreach (var id in paymentIds)
            await maker.SendAsync(HttpMethod.Post, $"/payments/{id}/reconciliation", new { statement_reference = $"STMT-{id:N}" });
        var created = await maker.SendAsync(HttpMethod.Post, "/payouts/refunds",
            paymentIds.Select(id => new { payment_id = id, amount = 12.34m, reason_code = "ORDER_CANCELLED" }).ToArray());
        var refundIds = created.AsArray().Select(r => r!["refund_id"]!.GetValue<string>()).ToList();

        await checker.SendAsync(HttpMethod.Put, "/payouts/refunds", refundIds.Select(id => new { refund_id = id, status = "CONFIRMED" }).ToArray());
        // Let the dispatcher get part-way through, then pull the plug.
        await Wait.UntilAsync(async () => (await checker.GetAsync("/simulated-bank/payouts?limit=1000")).AsArray().Count >= 5, TimeSpan.FromSeconds(30));
        var paidBeforeKill = (await checker.GetAsync("/payouts/refunds?status=ACCEPTED_BY_BANK&size=1"))["page"]!["total_elements"]!.GetValue<long>();
        await _app.KillAsync();
        using var probe = new HttpClient();
        await Assert.ThrowsAsync<HttpRequestException>(() => probe.GetAsync(new Uri(_app.BaseAddress, "/health")));

        await _app.StartAsync();
        var after = await RefundsApi.SignInAsync(_app.BaseAddress, "integration-checker");
        await Wait.UntilAsync(async () =>
            (await after.GetAsync("/payouts/refunds?status=ACCEPTED_BY_BANK&size=1"))["page"]!["total_elements"]!.GetValue<long>() == 50,
            TimeSpan.FromSeconds(90));

        var ledger = (await after.GetAsync("/simulated-bank/payouts?limit=1000")).AsArray();
        Assert.True(paidBeforeKill < 50, $"The kill came too late: {paidBeforeKill} of 50 were already paid.");
        Assert.Equal(refundIds.Order(), ledger.Select(l => l!["reference"]!.GetValue<string>()).Order());
        Assert.All(ledger, line => Assert.Equal("PAID", line!["outcome"]!.GetValue<string>()));
        Assert.Contains("Application started", _app.Output);
    }
}
