using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;
using Refunds.E2E.Harness;
using Refunds.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace Refunds.E2E.Cluster;

/// <summary>
/// The scale-out guarantees with two real instances on one PostgreSQL database and one Redis, behind
/// nginx: requests spread over both instances, status events crossing between them, dispatchers on
/// both, one of them killed, a sign-in lockout counted across both, and a person clicking through the proxy.
/// </summary>
public class ClusterTests(LocalCluster cluster) : IClassFixture<LocalCluster>
{
    private static readonly TimeSpan Settling = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Forty_parallel_creates_spread_over_both_instances_never_reserve_more_than_the_payment_amount()
    {
        using var makerA = await RefundsApi.SignInAsync(cluster.InstanceA, "integration-maker");
        using var makerB = await RefundsApi.SignInAsync(cluster.InstanceB, "integration-maker");
        var payment = await makerA.SeedPaymentAsync(100m, reconciled: true);

        var answers = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => (i % 2 == 0 ? makerA : makerB).TryAsync(HttpMethod.Post, "/payouts/refunds",
            new[] { new { payment_id = payment.Id, amount = 3m, currency = "AED", reason_code = "CUSTOMER_REQUEST" } })));

        var created = answers.Count(a => a.Status == HttpStatusCode.Created);
        Assert.InRange(created, 1, 33);
        Assert.All(answers.Where(a => a.Status != HttpStatusCode.Created),
            a => Assert.True(a.Body.Contains("AMOUNT_EXCEEDS_REFUNDABLE") || a.Body.Contains("CONCURRENT_UPDATE"), a.Body));
        var detail = await makerB.GetAsync($"/payments/{payment.Id}");
        Assert.Equal(3m * created, detail["payment"]!["reserved_amount"]!.GetValue<decimal>());
        Assert.Equal(created, detail["refunds"]!.AsArray().Count);
    }

    [Fact]
    public async Task Ten_parallel_decisions_spread_over_both_instances_have_exactly_one_winner()
    {
        using var maker = await RefundsApi.SignInAsync(cluster.InstanceA, "integration-maker");
        using var checkerA = await RefundsApi.SignInAsync(cluster.InstanceA, "integration-checker");
        using var checkerB = await RefundsApi.SignInAsync(cluster.InstanceB, "integration-checker");
        var payment = await maker.SeedPaymentAsync(50m, reconciled: true);
        var refundId = (await maker.SendAsync(HttpMethod.Post, "/payouts/refunds",
            new[] { new { payment_id = payment.Id, amount = 20m, currency = "AED", reason_code = "CUSTOMER_REQUEST" } }))[0]!["refund_id"]!.GetValue<Guid>();

        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => (i % 2 == 0 ? checkerA : checkerB).TryAsync(HttpMethod.Put, "/payouts/refunds",
            new[] { new { refund_id = refundId, status = i % 3 == 0 ? "REJECTED" : "APPROVED" } })));

        Assert.Single(answers, a => a.Status == HttpStatusCode.OK);
        Assert.All(answers.Where(a => a.Status != HttpStatusCode.OK), a => Assert.Equal(HttpStatusCode.Conflict, a.Status));
        var history = await checkerB.GetAsync($"/payouts/refunds/{refundId}");
        var winner = JsonDocument.Parse(answers.Single(a => a.Status == HttpStatusCode.OK).Body).RootElement[0].GetProperty("status").GetString();
        Assert.Contains(history["refund"]!["status"]!.GetValue<string>(), winner == "REJECTED" ? ["REJECTED"] : new[] { "APPROVED", "PENDING_WITH_BANK", "ACCEPTED_BY_BANK" });
    }

    [Fact]
    public async Task A_refund_approved_through_instance_A_reaches_a_hub_client_connected_to_instance_B_in_order_and_once_each()
    {
        using var maker = await RefundsApi.SignInAsync(cluster.InstanceA, "integration-maker");
        using var checker = await RefundsApi.SignInAsync(cluster.InstanceA, "integration-checker");
        var events = new ConcurrentQueue<(Guid RefundId, string Status)>();
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(cluster.InstanceB, "/hubs/refunds"), o =>
            {
                o.AccessTokenProvider = () => Task.FromResult<string?>(checker.AccessToken);
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
            })
            .Build();
        hub.On<JsonElement>("RefundStatusChanged", e => events.Enqueue((e.GetProperty("refund_id").GetGuid(), e.GetProperty("status").GetString()!)));
        await hub.StartAsync();
        var payment = await maker.SeedPaymentAsync(80m, reconciled: true);
        var refundId = (await maker.SendAsync(HttpMethod.Post, "/payouts/refunds",
            new[] { new { payment_id = payment.Id, amount = 25m, currency = "AED", reason_code = "CUSTOMER_REQUEST" } }))[0]!["refund_id"]!.GetValue<Guid>();

        await checker.SendAsync(HttpMethod.Put, "/payouts/refunds", new[] { new { refund_id = refundId, status = "APPROVED" } });

        string[] Statuses() => [.. events.Where(e => e.RefundId == refundId).Select(e => e.Status)];
        await Wait.UntilAsync(() => Task.FromResult(Statuses().Contains("ACCEPTED_BY_BANK")), TimeSpan.FromSeconds(30));
        await Task.Delay(500); // a duplicate, if any, would arrive right behind
        Assert.Equal(["CREATED", "APPROVED", "PENDING_WITH_BANK", "ACCEPTED_BY_BANK"], Statuses());
    }

    [Fact]
    public async Task Two_hundred_approvals_settle_exactly_once_with_dispatchers_on_both_instances_even_when_one_is_killed_mid_way()
    {
        using var maker = await RefundsApi.SignInAsync(cluster.InstanceA, "integration-maker");
        using var checker = await RefundsApi.SignInAsync(cluster.InstanceA, "integration-checker");
        var paymentIds = Enumerable.Range(0, 200).Select(_ => Guid.NewGuid()).ToList();
        await maker.SendAsync(HttpMethod.Post, "/payments", paymentIds.Select(id => new
        {
            payment_id = id, amount = 100m, currency = "AED",
            payer = new { name = "Ahmed Haddad", iban = "AE070331234567890123456" },
        }).ToArray());
        await Parallel.ForEachAsync(paymentIds, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (id, _) =>
            await maker.SendAsync(HttpMethod.Post, $"/payments/{id}/reconciliation", new { statement_reference = $"STMT-{id:N}" }));
        var created = await maker.SendAsync(HttpMethod.Post, "/payouts/refunds",
            paymentIds.Select(id => new { payment_id = id, amount = 7.5m, reason_code = "ORDER_CANCELLED" }).ToArray());
        var refundIds = created.AsArray().Select(r => r!["refund_id"]!.GetValue<string>()).ToList();
        var submittedBefore = (A: Submissions(1), B: Submissions(2));

        await checker.SendAsync(HttpMethod.Put, "/payouts/refunds", refundIds.Select(id => new { refund_id = id, status = "APPROVED" }).ToArray());
        // Both dispatchers at work, then instance B dies mid-way with whatever it had leased.
        await Wait.UntilAsync(() => Task.FromResult(Submissions(1) > submittedBefore.A && Submissions(2) > submittedBefore.B), Settling);
        var paidBeforeKill = (await OursAsync(checker, refundIds)).Count(s => s == "ACCEPTED_BY_BANK");
        cluster.KillInstanceB();
        try
        {
            await Wait.UntilAsync(async () => (await OursAsync(checker, refundIds)) is { Count: 200 } statuses && statuses.All(s => s == "ACCEPTED_BY_BANK"), Settling);

            var ledger = (await checker.GetAsync("/simulated-bank/payouts?limit=1000")).AsArray()
                .Where(l => refundIds.Contains(l!["reference"]!.GetValue<string>())).ToList();
            Assert.True(paidBeforeKill < 200, "instance B was killed after everything was paid");
            Assert.Equal(refundIds.Order(), ledger.Select(l => l!["reference"]!.GetValue<string>()).Order());
            Assert.All(ledger, line => Assert.Equal("PAID", line!["outcome"]!.GetValue<string>()));
        }
        finally
        {
            await cluster.StartAsync();
        }
    }

    [Fact]
    public async Task Through_the_proxy_an_initiator_confirms_a_refund_a_reviewer_approves_it_and_it_settles_live_and_the_session_holds_on_both_instances()
    {
        await using var browser = await E2EBrowser.LaunchAsync();
        using var maker = await RefundsApi.SignInAsync(cluster.Proxy, "integration-maker");
        var payment = await maker.SeedPaymentAsync(90m, reconciled: true);

        var initiator = await SignInPage.SignInAsync(await browser.NewPageAsync(cluster.Proxy), "initiator");
        var payments = new PaymentsPage(initiator);
        await payments.SearchForAsync(payment.Reference);
        var dialog = await payments.OpenConfirmRefundAsync(payment.Id);
        await dialog.FillAsync("40.00", "CUSTOMER_REQUEST", reference: "CLUSTER-1", description: "Refund through the proxy");
        var refundId = await dialog.InitiateAsync();
        await dialog.DoneButton.ClickAsync();
        var detail = await RefundDetailPage.OpenAsync(initiator, refundId);
        await Expect(detail.Status).ToContainTextAsync("Awaiting approval");

        var approver = await SignInPage.SignInAsync(await browser.NewPageAsync(cluster.Proxy), "approver", $"/refunds/{refundId}");
        await new RefundDetailPage(approver).ApproveAsync();

        // The initiator's open page follows on its own, whichever instance paid the refund.
        await Expect(detail.Status).ToContainTextAsync("Completed", new LocatorAssertionsToContainTextOptions { Timeout = 30_000 });
        await E2EApp.ScreenshotAsync(initiator, "cluster-refund-completed-live");
        // The session cookie works on either instance: both unprotect it with the keys in the database.
        foreach (var instance in new[] { cluster.InstanceA, cluster.InstanceB })
        {
            var tab = await browser.NewTabAsync(initiator);
            await tab.GotoAsync(new Uri(instance, "/refunds").ToString());
            await Expect(new RefundsPage(tab).Heading).ToBeVisibleAsync();
        }
        Assert.True(browser.CspViolations.Count == 0, string.Join("\n", browser.CspViolations));
    }

    [Fact]
    public async Task Failed_sign_ins_spread_over_both_instances_lock_the_username_on_both()
    {
        Assert.True(await SignsInAsync(cluster.InstanceA, "viewer", "demo-password"));

        // The threshold is five: three failures reach instance A and two reach B, each directly on its own port.
        for (var i = 0; i < 5; i++) Assert.False(await SignsInAsync(i % 2 == 0 ? cluster.InstanceA : cluster.InstanceB, "viewer", "wrong"));

        Assert.False(await SignsInAsync(cluster.InstanceB, "viewer", "demo-password"));
        Assert.False(await SignsInAsync(cluster.InstanceA, "viewer", "demo-password"));
    }

    /// <summary>Posts the built-in provider's sign-in form on one instance; true when it signs in (a redirect back), false when refused (401, the form again).</summary>
    private static async Task<bool> SignsInAsync(Uri instance, string username, string password)
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = instance };
        var form = await http.GetStringAsync("/identity/login?returnUrl=%2F");
        var fields = System.Text.RegularExpressions.Regex.Matches(form, "<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"")
            .ToDictionary(m => WebUtility.HtmlDecode(m.Groups[1].Value), m => WebUtility.HtmlDecode(m.Groups[2].Value));
        fields["username"] = username;
        fields["password"] = password;
        var response = await http.PostAsync("/identity/login", new FormUrlEncodedContent(fields));
        Assert.True(response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Redirect, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return response.StatusCode == HttpStatusCode.Redirect;
    }

    private int Submissions(int instance) => cluster.Log(instance).Split("Submitting refund").Length - 1;

    private static async Task<List<string>> OursAsync(RefundsApi api, IReadOnlyCollection<string> refundIds)
    {
        var statuses = new List<string>();
        for (var page = 0; ; page++)
        {
            var items = (await api.GetAsync($"/payouts/refunds?size=100&page={page}"))["content"]!.AsArray();
            statuses.AddRange(items.Where(r => refundIds.Contains(r!["refund_id"]!.GetValue<string>())).Select(r => r!["status"]!.GetValue<string>()));
            if (items.Count < 100) return statuses;
        }
    }
}
