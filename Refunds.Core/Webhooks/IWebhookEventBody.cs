using Refunds.Core.Refunds;

namespace Refunds.Core.Webhooks;

/// <summary>
/// Writes an event's JSON body, <c>{"type", "timestamp", "data"}</c>, with the refund in <c>data</c> exactly
/// as the REST API shows it. The API owns that shape, so the host that serves the API supplies this.
/// </summary>
public interface IWebhookEventBody
{
    string Write(string type, DateTimeOffset at, Refund refund);
}
