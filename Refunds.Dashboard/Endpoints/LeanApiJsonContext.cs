using System.Text.Json.Serialization;

namespace Refunds.Dashboard.Endpoints;

/// <summary>
/// The request records of the Lean-shaped API, read in its snake_case. A field a record does not
/// have is refused, so a misspelt field is never silently dropped from a money request.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    Converters = [typeof(UtcInstantConverter)])]
[JsonSerializable(typeof(RefundEndpoints.CreateRefundItem))]
[JsonSerializable(typeof(RefundEndpoints.ProcessRefundItem))]
[JsonSerializable(typeof(RefundEndpoints.CancelRefundBody))]
[JsonSerializable(typeof(PaymentEndpoints.IngestPaymentItem))]
[JsonSerializable(typeof(PaymentEndpoints.ReconciliationBody))]
[JsonSerializable(typeof(StatementEndpoints.MatchLineBody))]
[JsonSerializable(typeof(ApprovalPolicyEndpoints.ProposePolicyBody))]
[JsonSerializable(typeof(WebhookApi.CreateWebhookEndpointBody))]
[JsonSerializable(typeof(WebhookApi.UpdateWebhookEndpointBody))]
internal sealed partial class LeanApiJsonContext : JsonSerializerContext;
