using System.Text.Json.Serialization;

namespace Refunds.Dashboard.Endpoints.AdminRefunds;

/// <summary>The request records of the admin refunds API, read in its snake_case; a field a record does not have is refused.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(AdminRefundEndpoints.CreateAdminRefundBody))]
internal sealed partial class AdminRefundsJsonContext : JsonSerializerContext;
