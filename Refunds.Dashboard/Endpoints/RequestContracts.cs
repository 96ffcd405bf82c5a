using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Refunds.Core;
using Refunds.Dashboard.Endpoints.AdminRefunds;
using Refunds.Dashboard.Endpoints.RefundInitiation;

namespace Refunds.Dashboard.Endpoints;

/// <summary>
/// Ties the OpenAPI document to the request records each surface reads: property names, unknown
/// fields, required fields, allowed values and limits are documented from the same records and
/// contexts that <see cref="RequestBody"/> reads with.
/// </summary>
internal static class RequestContracts
{
    /// <summary>Each surface's serializer context: the one place that says how its requests are read.</summary>
    private static readonly IReadOnlyList<JsonSerializerContext> Surfaces =
        [LeanApiJsonContext.Default, AdminRefundsJsonContext.Default, RefundInitiationJsonContext.Default];

    /// <summary>
    /// A modifier for the API's shared JSON options (from which the OpenAPI document is made): a
    /// request record is named, and refuses unknown fields, as its surface's context reads it.
    /// </summary>
    public static void AsItsSurfaceReadsIt(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object) return;
        var read = Surfaces.Select(s => s.GetTypeInfo(info.Type)).FirstOrDefault(t => t is { Kind: JsonTypeInfoKind.Object });
        if (read is null) return;
        var names = read.Properties.Where(p => p.AttributeProvider is MemberInfo).ToDictionary(p => ((MemberInfo)p.AttributeProvider!).Name, p => p.Name);
        foreach (var property in info.Properties)
        {
            if (property.AttributeProvider is MemberInfo member && names.TryGetValue(member.Name, out var name)) property.Name = name;
        }
        info.UnmappedMemberHandling = read.UnmappedMemberHandling ?? read.Options.UnmappedMemberHandling;
    }

    private static bool IsRequestRecord(Type type) => Surfaces.Any(s => s.GetTypeInfo(type) is { Kind: JsonTypeInfoKind.Object });

    /// <summary>Documents <see cref="RequiredAttribute"/> and <see cref="AllowedValuesAttribute"/> on request records.</summary>
    public static Task DocumentRequiredAndAllowedValues(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.JsonPropertyInfo is { AttributeProvider: { } property }
            && property.GetCustomAttributes(typeof(AllowedValuesAttribute), inherit: false) is [AllowedValuesAttribute allowed, ..])
        {
            schema.Enum = allowed.Values.Select(v => (JsonNode)JsonValue.Create(v?.ToString() ?? "")).ToList();
        }
        // Every field of a request record may be left out at the JSON level; the required ones say so.
        if (IsRequestRecord(context.JsonTypeInfo.Type))
        {
            schema.Required = context.JsonTypeInfo.Properties
                .Where(p => p.AttributeProvider?.IsDefined(typeof(RequiredAttribute), inherit: false) == true).Select(p => p.Name).ToHashSet();
        }
        return Task.CompletedTask;
    }

    /// <summary>A batch body holds 1 to <c>Refunds:MaxBatchSize</c> items.</summary>
    public static Task DocumentBatchSize(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (operation.RequestBody?.Content?.TryGetValue("application/json", out var body) == true && body.Schema is OpenApiSchema { Type: JsonSchemaType.Array } batch)
        {
            batch.MinItems = 1;
            batch.MaxItems = context.ApplicationServices.GetRequiredService<IOptions<RefundsOptions>>().Value.MaxBatchSize;
        }
        return Task.CompletedTask;
    }
}
