using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Refunds.Dashboard.Tests.Support;
using static Refunds.Dashboard.Tests.Support.ApiFactory;

namespace Refunds.Dashboard.Tests.Dashboard.Endpoints;

/// <summary>
/// <c>/webhooks</c> as integrations use it, with the app's own delivery worker sending to a receiver on
/// 127.0.0.1 (the tests run the app in Development, whose settings allow plain http to loopback).
/// </summary>
public sealed class WebhookApiTests(ApiFactory api) : IClassFixture<ApiFactory>, IAsyncLifetime
{
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task A_registered_endpoint_is_answered_with_its_secret_once_and_listed_without_it()
    {
        var maker = await api.Maker();

        var created = await maker.PostAsJsonAsync("/webhooks/endpoints",
            new { url = _receiver.Url, event_types = new[] { "refund.approved" }, description = "ERP" });
        var body = await Json(created);
        var id = body["endpoint_id"]!.GetValue<Guid>();
        var listed = (await Json(await maker.GetAsync("/webhooks/endpoints"))).AsArray().Single(e => e!["endpoint_id"]!.GetValue<Guid>() == id)!;
        var one = await Json(await maker.GetAsync($"/webhooks/endpoints/{id}"));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/webhooks/endpoints/{id}", created.Headers.Location!.OriginalString);
        Assert.StartsWith("whsec_", body["secret"]!.GetValue<string>());
        Assert.Equal((_receiver.Url, "ERP", true), (body["url"]!.GetValue<string>(), body["description"]!.GetValue<string>(), body["enabled"]!.GetValue<bool>()));
        Assert.Equal(["refund.approved"], body["event_types"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.NotNull(body["created_at"]);
        Assert.Null(listed["secret"]);
        Assert.Null(one["secret"]);
        Assert.Equal(id, one["endpoint_id"]!.GetValue<Guid>());
    }

    [Fact]
    public async Task An_endpoint_of_another_client_is_a_404_to_every_operation()
    {
        var id = await EndpointAsync();
        var other = await api.As("integration-both");

        await AssertError(await other.GetAsync($"/webhooks/endpoints/{id}"), HttpStatusCode.NotFound, "WEBHOOK_ENDPOINT_NOT_FOUND");
        await AssertError(await other.PatchAsJsonAsync($"/webhooks/endpoints/{id}", new { enabled = false }), HttpStatusCode.NotFound, "WEBHOOK_ENDPOINT_NOT_FOUND");
        await AssertError(await other.PostAsync($"/webhooks/endpoints/{id}/rotate-secret", null), HttpStatusCode.NotFound, "WEBHOOK_ENDPOINT_NOT_FOUND");
        await AssertError(await other.DeleteAsync($"/webhooks/endpoints/{id}"), HttpStatusCode.NotFound, "WEBHOOK_ENDPOINT_NOT_FOUND");
        Assert.DoesNotContain((await Json(await other.GetAsync("/webhooks/endpoints"))).AsArray(), e => e!["endpoint_id"]!.GetValue<Guid>() == id);
        Assert.Equal(0, (await Json(await other.GetAsync($"/webhooks/deliveries?endpoint_id={id}")))["page"]!["total_elements"]!.GetValue<long>());
        Assert.True((await Json(await (await api.Maker()).GetAsync($"/webhooks/endpoints/{id}")))["enabled"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_token_without_the_webhooks_scope_is_refused_naming_it()
    {
        var response = await (await api.Checker()).GetAsync("/webhooks/endpoints");

        var error = await AssertError(response, HttpStatusCode.Forbidden, "OPERATION_NOT_ALLOWED");
        Assert.Contains("webhooks:manage", error["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_event_carries_the_refund_exactly_as_the_api_shows_it_signed_with_the_endpoint_secret()
    {
        var maker = await api.Maker();
        var created = await Json(await maker.PostAsJsonAsync("/webhooks/endpoints", new { url = _receiver.Url }));
        var refund = await api.RefundAsync(await api.PaymentAsync());

        var message = await ReceivedAsync(refund, "refund.created");

        var body = JsonNode.Parse(message.Body)!;
        Assert.True(JsonNode.DeepEquals(await api.LeanRefundAsync(refund), body["data"]), $"{body["data"]}");
        Assert.True(StandardWebhooksVerifier.Verify(created["secret"]!.GetValue<string>(), message, DateTimeOffset.UtcNow));
        Assert.Null(created["event_types"]);
    }

    [Fact]
    public async Task The_delivery_log_filters_by_endpoint_type_and_status_and_a_retry_sends_again_now()
    {
        var maker = await api.Maker();
        var id = await EndpointAsync();
        var refund = await api.RefundAsync(await api.PaymentAsync());
        await api.ApproveAsync(refund);
        var approved = await ReceivedAsync(refund, "refund.approved");
        await ReceivedAsync(refund, "refund.created");
        var log = await WaitForAsync(async () =>
        {
            var page = await Json(await maker.GetAsync($"/webhooks/deliveries?endpoint_id={id}&event_type=refund.approved&status=DELIVERED"));
            return page["content"]!.AsArray().Count > 0 ? page : null;
        });

        var delivery = Assert.Single(log["content"]!.AsArray())!;
        var retried = await maker.PostAsync($"/webhooks/deliveries/{delivery["delivery_id"]}/retry", null);
        var after = await Json(retried);

        Assert.Equal((approved.Id, "refund.approved", refund), (delivery["webhook_id"]!.GetValue<string>(), delivery["event_type"]!.GetValue<string>(),
            delivery["refund_id"]!.GetValue<Guid>()));
        var attempt = Assert.Single(delivery["attempts"]!.AsArray())!;
        Assert.Equal((200, "answered 200"), (attempt["http_status"]!.GetValue<int>(), attempt["response_excerpt"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal(("DELIVERED", 2), (after["status"]!.GetValue<string>(), after["attempts"]!.AsArray().Count));
        Assert.Equal(2, _receiver.Received.Count(m => m.Id == approved.Id));
        Assert.Equal(0, (await Json(await maker.GetAsync($"/webhooks/deliveries?endpoint_id={id}&status=FAILED")))["page"]!["total_elements"]!.GetValue<long>());
        await AssertError(await maker.GetAsync("/webhooks/deliveries?event_type=refund.paid"), HttpStatusCode.BadRequest, "INVALID_REQUEST");
        await AssertError(await maker.PostAsync($"/webhooks/deliveries/{Guid.NewGuid()}/retry", null), HttpStatusCode.NotFound, "WEBHOOK_DELIVERY_NOT_FOUND");
    }

    [Fact]
    public async Task An_endpoint_is_changed_switched_off_and_deleted()
    {
        var maker = await api.Maker();
        var id = await EndpointAsync();

        var changed = await Json(await maker.PatchAsJsonAsync($"/webhooks/endpoints/{id}",
            new { event_types = new[] { "refund.failed", "refund.accepted_by_bank" }, description = "payouts only", enabled = false }));
        var unknownType = await maker.PatchAsJsonAsync($"/webhooks/endpoints/{id}", new { event_types = new[] { "refund.paid" } });
        var badUrl = await maker.PatchAsJsonAsync($"/webhooks/endpoints/{id}", new { url = "ftp://127.0.0.1/hook" });
        var deleted = await maker.DeleteAsync($"/webhooks/endpoints/{id}");

        Assert.Equal(["refund.failed", "refund.accepted_by_bank"], changed["event_types"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal(("payouts only", false), (changed["description"]!.GetValue<string>(), changed["enabled"]!.GetValue<bool>()));
        Assert.Contains("Integration maker", changed["disabled_reason"]!.GetValue<string>());
        await AssertError(unknownType, HttpStatusCode.BadRequest, "INVALID_REQUEST");
        await AssertError(badUrl, HttpStatusCode.BadRequest, "INVALID_WEBHOOK_URL");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await AssertError(await maker.GetAsync($"/webhooks/endpoints/{id}"), HttpStatusCode.NotFound, "WEBHOOK_ENDPOINT_NOT_FOUND");
    }

    [Fact]
    public async Task Rotating_gives_a_new_secret_once()
    {
        var maker = await api.Maker();
        var created = await Json(await maker.PostAsJsonAsync("/webhooks/endpoints", new { url = _receiver.Url }));

        var rotated = await Json(await maker.PostAsync($"/webhooks/endpoints/{created["endpoint_id"]}/rotate-secret", null));

        Assert.StartsWith("whsec_", rotated["secret"]!.GetValue<string>());
        Assert.NotEqual(created["secret"]!.GetValue<string>(), rotated["secret"]!.GetValue<string>());
    }

    private async Task<Guid> EndpointAsync()
    {
        var response = await (await api.Maker()).PostAsJsonAsync("/webhooks/endpoints", new { url = _receiver.Url });
        return (await Json(response))["endpoint_id"]!.GetValue<Guid>();
    }

    private Task<ReceivedWebhook> ReceivedAsync(Guid refundId, string type) =>
        WaitForAsync(() => Task.FromResult(_receiver.Received.FirstOrDefault(m =>
        {
            var body = JsonNode.Parse(m.Body)!;
            return body["type"]!.GetValue<string>() == type && body["data"]!["refund_id"]!.GetValue<Guid>() == refundId;
        })));

    private static async Task<T> WaitForAsync<T>(Func<Task<T?>> probe) where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            if (await probe() is { } found) return found;
            if (DateTime.UtcNow > deadline) throw new TimeoutException("Nothing arrived within 15 s.");
            await Task.Delay(50);
        }
    }
}
