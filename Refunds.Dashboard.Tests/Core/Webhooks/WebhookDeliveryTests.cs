using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Refunds.Core.Payments;
using Refunds.Core.Persistence;
using Refunds.Core.Refunds;
using Refunds.Core.Webhooks;
using Refunds.Dashboard.Tests.Support;
using static Refunds.Dashboard.Tests.Support.EngineHarness;

namespace Refunds.Dashboard.Tests.Core.Webhooks;

/// <summary>The worker's passes against a receiver on 127.0.0.1, with the test's clock.</summary>
public abstract class WebhookDeliveryTests : WebhookTest
{
    [Fact]
    public async Task Events_while_no_endpoint_is_enabled_are_settled_without_deliveries_and_a_later_endpoint_gets_only_later_events()
    {
        await CreatedRefundAsync();
        await Dispatcher.DispatchDueAsync();

        Assert.All(await EventsAsync(), e => Assert.False(e.AwaitsFanOut));
        Assert.Empty(await DeliveriesAsync());

        await EndpointAsync();
        var later = await CreatedRefundAsync();
        await Dispatcher.DispatchDueAsync();

        Assert.Equal(later.Id, Assert.Single(await DeliveriesAsync()).RefundId);
        Assert.Single(Receiver.Received);
    }

    [Fact]
    public async Task An_event_is_sent_signed_so_that_a_receiver_following_the_specification_accepts_it()
    {
        var endpoint = await EndpointAsync();
        await CreatedRefundAsync();

        await Dispatcher.DispatchDueAsync();

        var message = Assert.Single(Receiver.Received);
        var delivery = Assert.Single(await DeliveriesAsync());
        Assert.True(StandardWebhooksVerifier.Verify(endpoint.Secret, message, Engine.Clock.GetUtcNow()));
        Assert.False(StandardWebhooksVerifier.Verify(WebhookSecret.New(), message, Engine.Clock.GetUtcNow()));
        Assert.Equal(delivery.Event.WebhookId, message.Id);
        Assert.Equal(delivery.Event.Body, message.Body);
        Assert.Equal(Engine.Clock.GetUtcNow().ToUnixTimeSeconds().ToString(), message.Timestamp);
        Assert.Equal((WebhookDeliveryStatus.Delivered, 200), (delivery.Status, Assert.Single(delivery.Attempts).HttpStatus));
    }

    [Fact]
    public async Task A_secret_is_whsec_and_the_base64_of_24_to_64_random_bytes()
    {
        var secret = (await EndpointAsync()).Secret;

        Assert.StartsWith("whsec_", secret);
        Assert.InRange(Convert.FromBase64String(secret["whsec_".Length..]).Length, 24, 64);
        Assert.NotEqual(secret, (await EndpointAsync()).Secret);
    }

    [Fact]
    public async Task An_endpoint_gets_only_the_event_types_it_asked_for()
    {
        await EndpointAsync(WebhookEventTypes.Approved);
        var refund = await CreatedRefundAsync();
        await Engine.Refunds.DecideAsync(Checker, [new RefundDecision(refund.Id, RefundStatus.Approved)]);

        await Dispatcher.DispatchDueAsync();

        Assert.Equal([WebhookEventTypes.Approved], (await DeliveriesAsync()).Select(d => d.EventType));
        Assert.Contains("\"type\":\"refund.approved\"", Assert.Single(Receiver.Received).Body);
    }

    [Fact]
    public async Task A_failed_attempt_is_retried_after_the_first_wait_and_kept_with_its_status_and_answer()
    {
        await EndpointAsync();
        await CreatedRefundAsync();
        Receiver.AnswerNext(500);

        await Dispatcher.DispatchDueAsync();
        var failed = Assert.Single(await DeliveriesAsync());
        await Dispatcher.DispatchDueAsync();
        var notYet = Receiver.Received.Count;
        Engine.Clock.Advance(TimeSpan.FromSeconds(6));
        await Dispatcher.DispatchDueAsync();
        var delivered = Assert.Single(await DeliveriesAsync());

        Assert.Equal(WebhookDeliveryStatus.Pending, failed.Status);
        Assert.InRange(failed.NextAttemptAt!.Value - failed.CreatedAt, TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(6));
        Assert.Equal(1, notYet);
        Assert.Equal(WebhookDeliveryStatus.Delivered, delivered.Status);
        Assert.Equal([500, 200], delivered.Attempts.OrderBy(a => a.At).Select(a => a.HttpStatus));
        var first = delivered.Attempts.OrderBy(a => a.At).First();
        Assert.Equal(("HTTP 500 Internal Server Error", "answered 500"), (first.Error, first.ResponseExcerpt));
        Assert.Single(Receiver.Received.Select(m => m.Id).Distinct());
        var endpoint = await EndpointByIdAsync(delivered.EndpointId);
        Assert.Equal((0, Engine.Clock.GetUtcNow()), (endpoint.FailureStreak, endpoint.LastSuccessAt));
    }

    [Fact]
    public async Task At_most_4_KB_of_an_answer_is_kept()
    {
        await EndpointAsync();
        await CreatedRefundAsync();
        Receiver.AnswerText = new string('x', 10_000);

        await Dispatcher.DispatchDueAsync();

        var attempt = Assert.Single(Assert.Single(await DeliveriesAsync()).Attempts);
        Assert.Equal(new string('x', 4096), attempt.ResponseExcerpt);
    }

    [Fact]
    public async Task A_delivery_fails_for_good_once_the_retry_schedule_is_spent()
    {
        await EndpointAsync();
        await CreatedRefundAsync();
        Receiver.Otherwise = 503;
        var schedule = new WebhookOptions().RetrySchedule;

        await Dispatcher.DispatchDueAsync();
        foreach (var wait in schedule)
        {
            // Past the wait, jitter and all.
            Engine.Clock.Advance(wait * 1.25);
            await Dispatcher.DispatchDueAsync();
        }

        var delivery = Assert.Single(await DeliveriesAsync());
        Assert.Equal(WebhookDeliveryStatus.Failed, delivery.Status);
        Assert.Equal(schedule.Length + 1, delivery.Attempts.Count);
        Assert.Null(delivery.NextAttemptAt);
    }

    [Fact]
    public async Task A_410_answer_switches_the_endpoint_off_at_once()
    {
        var endpoint = await EndpointAsync();
        await CreatedRefundAsync();
        Receiver.AnswerNext(410);

        await Dispatcher.DispatchDueAsync();
        await CreatedRefundAsync();
        Engine.Clock.Advance(TimeSpan.FromMinutes(1));
        await Dispatcher.DispatchDueAsync();

        var off = await EndpointByIdAsync(endpoint.Id);
        Assert.False(off.Enabled);
        Assert.Contains("410", off.DisabledReason);
        Assert.Single(Receiver.Received);
    }

    [Fact]
    public async Task An_endpoint_without_a_success_for_five_days_is_switched_off()
    {
        var endpoint = await EndpointAsync();
        Receiver.Otherwise = 500;

        var enabledAfter = new List<bool>();
        for (var hour = 0; hour <= 5 * 24 + 12; hour += 6)
        {
            await CreatedRefundAsync();
            await Dispatcher.DispatchDueAsync();
            enabledAfter.Add((await EndpointByIdAsync(endpoint.Id)).Enabled);
            Engine.Clock.Advance(TimeSpan.FromHours(6));
        }

        var off = await EndpointByIdAsync(endpoint.Id);
        Assert.False(off.Enabled);
        Assert.Contains("5 days", off.DisabledReason);
        // Still on after four and a half days of failures.
        Assert.True(enabledAfter[18]);
        Assert.True(off.FailureStreak > 20);
    }

    [Fact]
    public async Task After_a_rotation_messages_carry_a_signature_for_each_secret_until_the_old_one_expires()
    {
        var endpoint = await EndpointAsync();
        var newSecret = await Registry.RotateSecretAsync(Integration, endpoint.Id);
        await CreatedRefundAsync();
        await Dispatcher.DispatchDueAsync();
        Engine.Clock.Advance(TimeSpan.FromHours(24) + TimeSpan.FromSeconds(1));
        await CreatedRefundAsync();
        await Dispatcher.DispatchDueAsync();

        var (during, after) = (Receiver.Received.First(), Receiver.Received.Last());
        Assert.Equal(2, during.Signature.Split(' ').Length);
        Assert.True(StandardWebhooksVerifier.Verify(endpoint.Secret, during, Engine.Clock.GetUtcNow() - TimeSpan.FromHours(24)));
        Assert.True(StandardWebhooksVerifier.Verify(newSecret, during, Engine.Clock.GetUtcNow() - TimeSpan.FromHours(24)));
        Assert.Single(after.Signature.Split(' '));
        Assert.False(StandardWebhooksVerifier.Verify(endpoint.Secret, after, Engine.Clock.GetUtcNow()));
        Assert.True(StandardWebhooksVerifier.Verify(newSecret, after, Engine.Clock.GetUtcNow()));
    }

    [Fact]
    public async Task A_retry_sends_the_delivery_again_now_under_the_same_webhook_id_with_the_current_secret()
    {
        var endpoint = await EndpointAsync();
        await CreatedRefundAsync();
        await Dispatcher.DispatchDueAsync();
        var newSecret = await Registry.RotateSecretAsync(Integration, endpoint.Id);
        var delivery = Assert.Single(await DeliveriesAsync());

        var retried = await Dispatcher.RetryNowAsync(Integration, delivery.Id);

        Assert.Equal((WebhookDeliveryStatus.Delivered, 2), (retried.Status, retried.Attempts.Count));
        Assert.Equal(2, Receiver.Received.Count);
        Assert.Single(Receiver.Received.Select(m => m.Id).Distinct());
        Assert.True(StandardWebhooksVerifier.Verify(newSecret, Receiver.Received.Last(), Engine.Clock.GetUtcNow()));
    }

    [Fact]
    public async Task A_delivery_whose_instance_died_while_sending_is_sent_again_under_the_same_webhook_id_once_its_lease_runs_out()
    {
        await EndpointAsync();
        await CreatedRefundAsync();
        Receiver.AnswerNext(WebhookReceiver.Hang);
        var other = OtherInstance();

        // The first instance sends, and dies before the answer comes.
        using (var dies = new CancellationTokenSource())
        {
            var pass = Dispatcher.DispatchDueAsync(dies.Token);
            while (Receiver.Received.IsEmpty) await Task.Delay(10);
            await dies.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pass);
        }
        await other.DispatchDueAsync();
        var whileLeased = Receiver.Received.Count;
        Engine.Clock.Advance(new WebhookOptions().LeaseDuration + TimeSpan.FromSeconds(1));
        await other.DispatchDueAsync();

        Assert.Equal(1, whileLeased);
        Assert.Equal(2, Receiver.Received.Count);
        Assert.Single(Receiver.Received.Select(m => m.Id).Distinct());
        Assert.Equal(WebhookDeliveryStatus.Delivered, Assert.Single(await DeliveriesAsync()).Status);
    }

    [Fact]
    public async Task An_event_is_sent_by_the_instance_that_committed_it_and_not_by_another_while_its_lease_holds()
    {
        await EndpointAsync();
        await CreatedRefundAsync();
        var other = OtherInstance();

        await other.DispatchDueAsync();
        var byOther = Receiver.Received.Count;
        await Dispatcher.DispatchDueAsync();
        Engine.Clock.Advance(new WebhookOptions().LeaseDuration + TimeSpan.FromSeconds(1));
        await other.DispatchDueAsync();

        Assert.Equal(0, byOther);
        Assert.Single(Receiver.Received);
        var delivery = Assert.Single(await DeliveriesAsync());
        Assert.Equal((WebhookDeliveryStatus.Delivered, 200), (delivery.Status, Assert.Single(delivery.Attempts).HttpStatus));
        Assert.All(await EventsAsync(), e => Assert.False(e.AwaitsFanOut));
    }

    [Fact]
    public async Task An_event_whose_instance_stopped_before_sending_it_is_sent_by_another_once_its_lease_runs_out()
    {
        await EndpointAsync();
        var refund = await CreatedRefundAsync();
        var other = OtherInstance();

        Engine.Clock.Advance(new WebhookOptions().LeaseDuration + TimeSpan.FromSeconds(1));
        await other.DispatchDueAsync();

        var message = Assert.Single(Receiver.Received);
        var delivery = Assert.Single(await DeliveriesAsync());
        Assert.Equal(refund.Id, delivery.RefundId);
        Assert.Equal(delivery.Event.WebhookId, message.Id);
        Assert.Equal(WebhookDeliveryStatus.Delivered, delivery.Status);
    }

    [Fact]
    public async Task Every_event_of_a_burst_is_delivered_once_with_its_attempt_kept()
    {
        var endpoint = await EndpointAsync();
        var payments = new List<Payment>();
        for (var i = 0; i < 30; i++) payments.Add(await Engine.PaymentAsync());
        await Task.WhenAll(payments.Select(p => Engine.RefundAsync(p)));

        await Dispatcher.DispatchDueAsync();

        Assert.Equal(30, Receiver.Received.Select(m => m.Id).Distinct().Count());
        Assert.Equal(30, Receiver.Received.Count);
        var deliveries = await DeliveriesAsync();
        Assert.Equal(30, deliveries.Count);
        Assert.All(deliveries, d => Assert.Equal((WebhookDeliveryStatus.Delivered, 1), (d.Status, d.Attempts.Count)));
        Assert.Equal(Engine.Clock.GetUtcNow(), (await EndpointByIdAsync(endpoint.Id)).LastSuccessAt);
    }

    [Fact]
    public async Task A_unit_with_more_events_than_one_statement_holds_writes_each_event_once_and_each_is_delivered_and_recorded_once()
    {
        await EndpointAsync();
        var payment = await Engine.PaymentAsync(1_000m);
        const int count = 150; // more than the 100 rows a statement SetBasedSave writes
        var requests = Enumerable.Range(0, count).Select(_ => new RefundRequest(payment.Id, 1m, payment.CurrencyCode, "CUSTOMER_REQUEST")).ToList();

        var refunds = await Engine.Refunds.CreateAsync(Maker, requests);

        var events = await EventsAsync();
        Assert.Equal(refunds.Select(r => r.Id).Order(), events.Select(e => e.RefundId).Order());
        Assert.All(events, e => Assert.Equal((WebhookEventTypes.Created, true), (e.Type, e.AwaitsFanOut)));
        Assert.All(events, e => Assert.Contains(e.RefundId.ToString(), e.Body));
        while (await Dispatcher.DispatchDueAsync()) { }
        Assert.Equal(events.Select(e => (e.WebhookId, e.Body)).Order(), Receiver.Received.Select(m => (m.Id, m.Body)).Order());
        var deliveries = await DeliveriesAsync();
        Assert.Equal(events.Select(e => e.Id).Order(), deliveries.Select(d => d.EventId).Order());
        Assert.All(deliveries, d => Assert.Equal((WebhookDeliveryStatus.Delivered, 1, true), (d.Status, d.Attempts.Count, d.Attempts[0].Succeeded)));
        Assert.All(await EventsAsync(), e => Assert.False(e.AwaitsFanOut));
    }

    // A second instance on the same database: it shares the queue, not this one's memory of the events it committed.
    private WebhookDispatcher OtherInstance() =>
        new(Engine.Get<IDbContextFactory<RefundsDbContext>>(), Engine.Get<UnitOfWork>(), Engine.Get<WebhookSender>(),
            new WebhookLocalEvents(Engine.Get<IOptionsMonitor<WebhookOptions>>()), Engine.Get<IOptionsMonitor<WebhookOptions>>(), Engine.Clock,
            NullLogger<WebhookDispatcher>.Instance);

    public sealed class OnSqlite : WebhookDeliveryTests
    {
        protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
    }

    public sealed class OnPostgreSql : WebhookDeliveryTests
    {
        protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
    }
}
