using System.Text.Json.Nodes;
using Refunds.Core;
using Refunds.Core.Payouts;
using Refunds.Core.Persistence;
using Refunds.Core.Refunds;
using Refunds.Core.Webhooks;
using Refunds.Dashboard.Tests.Core.Approvals;
using static Refunds.Dashboard.Tests.Support.EngineHarness;

namespace Refunds.Dashboard.Tests.Core.Webhooks;

/// <summary>The outbox: every committed status change has its event, written in the change's own transaction.</summary>
public abstract class WebhookEventTests : WebhookTest
{
    [Fact]
    public async Task Creating_approving_and_paying_out_a_refund_each_write_an_event_of_their_type()
    {
        var refund = await CreatedRefundAsync();
        Engine.Clock.Advance(TimeSpan.FromSeconds(1));
        await Engine.Refunds.DecideAsync(Checker, [new RefundDecision(refund.Id, RefundStatus.Approved)]);
        Engine.Clock.Advance(TimeSpan.FromSeconds(1));
        var payouts = Engine.Get<PayoutDispatcher>();
        await payouts.DispatchDueAsync();
        Engine.Clock.Advance(TimeSpan.FromSeconds(5));
        await payouts.DispatchDueAsync();

        var events = await EventsAsync();

        Assert.Equal([WebhookEventTypes.Created, WebhookEventTypes.Approved, WebhookEventTypes.PendingWithBank, WebhookEventTypes.AcceptedByBank],
            events.OrderBy(e => e.OccurredAt).Select(e => e.Type));
        Assert.All(events, e => Assert.Equal(refund.Id, e.RefundId));
        Assert.Equal(4, events.Select(e => e.WebhookId).Distinct().Count());
    }

    [Fact]
    public async Task An_approval_short_of_those_required_writes_an_approval_recorded_event_and_the_last_one_approved()
    {
        await Engine.SeedDefaultsAsync();
        var refund = await Engine.RefundAsync(await Engine.PaymentAsync(15_000m), 15_000m);
        Engine.Clock.Advance(TimeSpan.FromSeconds(1));

        await Engine.Refunds.DecideAsync(Checker, [new RefundDecision(refund.Id, RefundStatus.Approved)]);
        Engine.Clock.Advance(TimeSpan.FromSeconds(1));
        await Engine.Refunds.DecideAsync(SecondChecker, [new RefundDecision(refund.Id, RefundStatus.Approved)]);

        var events = await EventsAsync();
        Assert.Equal([WebhookEventTypes.Created, WebhookEventTypes.ApprovalRecorded, WebhookEventTypes.Approved],
            events.Where(e => e.RefundId == refund.Id).OrderBy(e => e.OccurredAt).Select(e => e.Type));
    }

    [Fact]
    public async Task Rejecting_and_cancelling_write_their_events()
    {
        var rejected = await CreatedRefundAsync();
        var cancelled = await CreatedRefundAsync();
        await Engine.Refunds.DecideAsync(Checker, [new RefundDecision(rejected.Id, RefundStatus.Rejected, "no")]);
        await Engine.Refunds.CancelAsync(Maker, cancelled.Id, "by mistake");

        var events = await EventsAsync();

        Assert.Equal(WebhookEventTypes.Rejected, Assert.Single(events, e => e.RefundId == rejected.Id && e.Type != WebhookEventTypes.Created).Type);
        Assert.Equal(WebhookEventTypes.Cancelled, Assert.Single(events, e => e.RefundId == cancelled.Id && e.Type != WebhookEventTypes.Created).Type);
    }

    [Fact]
    public async Task A_refund_the_bank_fails_writes_a_failed_event()
    {
        var payment = await Engine.PaymentAsync();
        var refund = (await Engine.Refunds.CreateAsync(Maker, [new RefundRequest(payment.Id, 10m, "AED", "CUSTOMER_REQUEST",
            Beneficiary: new BeneficiaryRequest("Closed Account", ClosedIban, null))]))[0];
        await Engine.Refunds.DecideAsync(Checker, [new RefundDecision(refund.Id, RefundStatus.Approved)]);
        var payouts = Engine.Get<PayoutDispatcher>();
        for (var pass = 0; pass < 4; pass++)
        {
            await payouts.DispatchDueAsync();
            Engine.Clock.Advance(TimeSpan.FromSeconds(5));
        }

        var events = await EventsAsync();

        var failed = Assert.Single(events, e => e.Type == WebhookEventTypes.Failed);
        Assert.Equal("FAILED", JsonNode.Parse(failed.Body)!["data"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_body_carries_the_type_the_time_and_the_refund_as_it_stood_at_the_change()
    {
        var refund = await CreatedRefundAsync();
        Engine.Clock.Advance(TimeSpan.FromSeconds(1));
        await Engine.Refunds.DecideAsync(Checker, [new RefundDecision(refund.Id, RefundStatus.Rejected, "duplicate")]);

        var bodies = (await EventsAsync()).OrderBy(e => e.OccurredAt).Select(e => JsonNode.Parse(e.Body)!).ToList();

        Assert.Equal(["refund.created", "refund.rejected"], bodies.Select(b => b["type"]!.GetValue<string>()));
        Assert.Equal("2026-11-20T09:00:00Z", bodies[0]["timestamp"]!.GetValue<string>());
        Assert.Equal([("CREATED", null), ("REJECTED", "duplicate")],
            bodies.Select(b => (b["data"]!["status"]!.GetValue<string>(), b["data"]!["decision_note"]?.GetValue<string>())));
        Assert.All(bodies, b => Assert.Equal(refund.Id.ToString(), b["data"]!["refund_id"]!.GetValue<string>()));
        Assert.Equal(10m, bodies[0]["data"]!["amount"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task A_change_that_is_refused_writes_no_event()
    {
        var refund = await CreatedRefundAsync();

        // The checker must not be the maker: nothing commits, so nothing is announced.
        await Assert.ThrowsAnyAsync<RuleViolation>(() => Engine.Refunds.DecideAsync(Maker with { Permissions = Checker.Permissions },
            [new RefundDecision(refund.Id, RefundStatus.Approved)]));

        Assert.Equal([WebhookEventTypes.Created], (await EventsAsync()).Select(e => e.Type));
    }

    [Fact]
    public async Task A_batch_decided_while_an_endpoint_is_enabled_writes_an_event_for_every_change()
    {
        var refunds = await CreatedRefundsAsync(12);
        await EndpointAsync();

        await Engine.Refunds.DecideAsync(Checker, [.. refunds.Select(r => new RefundDecision(r.Id, RefundStatus.Approved))]);

        Assert.Equal(12, (await EventsAsync()).Count(e => e.Type == WebhookEventTypes.Approved));
    }

    [Fact]
    public async Task A_batch_decided_while_no_endpoint_is_enabled_writes_no_events_where_none_can_be_enabled_before_it_commits()
    {
        var refunds = await CreatedRefundsAsync(12);
        var switchedOff = await EndpointAsync();
        await Registry.ChangeAsync(Integration, switchedOff.Id, new WebhookEndpointChange(Enabled: false));

        await Engine.Refunds.DecideAsync(Checker, [.. refunds.Select(r => new RefundDecision(r.Id, RefundStatus.Approved))]);

        // SQLite's writer holds the write lock from the unit's first read to its commit, so the endpoints it saw are those
        // enabled when its changes commit. On PostgreSQL one could be enabled in between: every event is written, and the
        // worker settles those it finds nobody to tell.
        Assert.Equal(Provider == DatabaseProvider.Sqlite ? 0 : 12, (await EventsAsync()).Count(e => e.Type == WebhookEventTypes.Approved));
        foreach (var refund in refunds) Assert.Equal(RefundStatus.Approved, (await Engine.RefundByIdAsync(refund.Id)).Status);
    }

    private async Task<List<Refund>> CreatedRefundsAsync(int count)
    {
        var refunds = new List<Refund>();
        for (var i = 0; i < count; i++) refunds.Add(await CreatedRefundAsync());
        return refunds;
    }

    public sealed class OnSqlite : WebhookEventTests
    {
        protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
    }

    public sealed class OnPostgreSql : WebhookEventTests
    {
        protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
    }
}
