using System.Text.Json;
using Refunds.Core.Refunds;
using Refunds.Core.Webhooks;
using Refunds.Dashboard.Endpoints;

namespace Refunds.Dashboard.Webhooks;

/// <summary>An event's body with the refund as <c>GET /payouts/refunds/{refund_id}</c> shows it, written as the API writes JSON.</summary>
public sealed class RefundEventBody : IWebhookEventBody
{
    private static readonly JsonSerializerOptions Json = CreateJson();

    public string Write(string type, DateTimeOffset at, Refund refund) =>
        JsonSerializer.Serialize(new WebhookEventJson(type, at, RefundJson.From(refund)), Json);

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        ApiHosting.UseLeanJson(options);
        return options;
    }
}

/// <summary>A webhook message: <c>{"type", "timestamp", "data"}</c>.</summary>
public sealed record WebhookEventJson(string Type, DateTimeOffset Timestamp, RefundJson Data);
