using System.Text.Json.Serialization;

namespace Refunds.Dashboard.Endpoints.RefundInitiation;

/// <summary>
/// The request records of the refund initiation API, read in seed 003's camelCase; a field a record
/// does not have is refused. <c>metadata</c> stays free-form: whatever object it holds is kept.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(RefundInitiationEndpoints.InitiateRefundBody))]
internal sealed partial class RefundInitiationJsonContext : JsonSerializerContext;
