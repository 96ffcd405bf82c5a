using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Refunds.Core;

namespace Refunds.Dashboard.Endpoints;

/// <summary>
/// Reads a request body into the records of its surface's serializer context, strictly: malformed
/// input gets a 400 that names the field to fix, never a 500 and never a half-understood request.
/// A field the record does not have, or one of the wrong type or too long, is refused.
/// </summary>
internal static class RequestBody
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 16, AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow };

    /// <summary>The <see cref="MaxLengthAttribute"/> of each record property, looked up once.</summary>
    private static readonly ConcurrentDictionary<JsonPropertyInfo, int?> MaxLengths = new();

    /// <summary>
    /// A body that is one object or an array of objects, each read as <typeparamref name="T"/> and
    /// mapped; every failing item is listed with its index, then the request fails once with all of them.
    /// </summary>
    public static async Task<IReadOnlyList<TResult>> ItemsAsync<T, TResult>(HttpRequest request, JsonTypeInfo<T> info, Func<T, TResult> map,
        CancellationToken cancellationToken)
    {
        using var document = await ParseAsync(request, cancellationToken);
        var root = document.RootElement;
        IReadOnlyList<JsonElement> items = root.ValueKind switch
        {
            JsonValueKind.Object => [root],
            JsonValueKind.Array => root.EnumerateArray().ToList(),
            _ => throw new RuleViolation(ErrorCode.InvalidRequest,
                $"The request body must be a JSON object or an array of objects, not {Describe(root.ValueKind)}."),
        };

        var results = new List<TResult>(items.Count);
        var violations = new List<ItemViolation>();
        for (var index = 0; index < items.Count; index++)
        {
            try
            {
                if (items[index].ValueKind != JsonValueKind.Object)
                    throw new RuleViolation(ErrorCode.InvalidRequest, "Each item must be a JSON object.");
                results.Add(map(Read(items[index], info)));
            }
            catch (RuleViolation violation)
            {
                violations.Add(new ItemViolation(index, violation.Code, violation.Message));
            }
        }
        if (violations.Count > 0) throw new BatchViolation(violations);
        return results;
    }

    /// <summary>A body that is one object, read as <typeparamref name="T"/>.</summary>
    public static async Task<T> ObjectAsync<T>(HttpRequest request, JsonTypeInfo<T> info, CancellationToken cancellationToken)
    {
        using var document = await ParseAsync(request, cancellationToken);
        return ObjectOf(document.RootElement, info);
    }

    /// <summary>An optional body: null when the request has none, or sends null.</summary>
    public static async Task<T?> OptionalObjectAsync<T>(HttpRequest request, JsonTypeInfo<T> info, CancellationToken cancellationToken)
        where T : class
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        if (buffer.Length == 0) return null;
        buffer.Position = 0;
        using var document = await ParseAsync(buffer, cancellationToken);
        return document.RootElement.ValueKind == JsonValueKind.Null ? null : ObjectOf(document.RootElement, info);
    }

    /// <summary>The text of a required field: INVALID_REQUEST naming it when it is missing or blank.</summary>
    public static string Required(string? text, string name) =>
        string.IsNullOrWhiteSpace(text) ? throw Missing(name) : text;

    /// <summary>The value of a required field: INVALID_REQUEST naming it when it is missing.</summary>
    public static TValue Required<TValue>(TValue? value, string name) where TValue : struct =>
        value ?? throw Missing(name);

    private static RuleViolation Missing(string name) => new(ErrorCode.InvalidRequest, $"{name} is required.");

    private static Task<JsonDocument> ParseAsync(HttpRequest request, CancellationToken cancellationToken) =>
        ParseAsync(request.Body, cancellationToken);

    private static async Task<JsonDocument> ParseAsync(Stream body, CancellationToken cancellationToken)
    {
        try
        {
            return await JsonDocument.ParseAsync(body, Options, cancellationToken);
        }
        catch (JsonException ex)
        {
            throw new RuleViolation(ErrorCode.InvalidRequest, $"The request body is not valid JSON ({ex.Message.Split('.')[0]}).");
        }
    }

    private static T ObjectOf<T>(JsonElement root, JsonTypeInfo<T> info) =>
        root.ValueKind == JsonValueKind.Object
            ? Read(root, info)
            : throw new RuleViolation(ErrorCode.InvalidRequest, $"The request body must be a JSON object, not {Describe(root.ValueKind)}.");

    private static T Read<T>(JsonElement item, JsonTypeInfo<T> info)
    {
        T value;
        try
        {
            value = item.Deserialize(info)!;
        }
        catch (JsonException ex)
        {
            throw Refusal(ex.Path, item, info);
        }
        EnsureLengths(value!, info, "");
        return value;
    }

    /// <summary>Refuses text longer than its record property's <see cref="MaxLengthAttribute"/>, nested records included.</summary>
    private static void EnsureLengths(object record, JsonTypeInfo info, string prefix)
    {
        foreach (var property in info.Properties)
        {
            var value = property.Get?.Invoke(record);
            if (value is string text && MaxLengthOf(property) is { } max && text.Length > max)
                throw new RuleViolation(ErrorCode.InvalidRequest, $"{prefix}{property.Name} is longer than {max} characters.");
            if (value is not null and not string && info.Options.GetTypeInfo(property.PropertyType) is { Kind: JsonTypeInfoKind.Object } nested)
                EnsureLengths(value, nested, $"{prefix}{property.Name}.");
        }
    }

    private static int? MaxLengthOf(JsonPropertyInfo property) => MaxLengths.GetOrAdd(property, p =>
        p.AttributeProvider?.GetCustomAttributes(typeof(MaxLengthAttribute), inherit: false) is [MaxLengthAttribute max, ..] ? max.Length : null);

    /// <summary>
    /// What was wrong with the field at <paramref name="path"/> (<c>$.beneficiary.iban</c>), in words
    /// that name it: not a field of the record, or a value of the wrong type.
    /// </summary>
    private static RuleViolation Refusal(string? path, JsonElement item, JsonTypeInfo info)
    {
        var names = new List<string>();
        JsonElement? value = item;
        JsonPropertyInfo? property = null;
        foreach (var segment in Segments(path))
        {
            var name = string.Join('.', [.. names, segment]);
            property = info.Kind == JsonTypeInfoKind.Object ? info.Properties.FirstOrDefault(p => p.Name == segment) : null;
            if (property is null)
                return new RuleViolation(ErrorCode.InvalidRequest, $"{name} is not a field of this request; see the API's OpenAPI document.");
            names.Add(segment);
            value = value is { ValueKind: JsonValueKind.Object } parent && parent.TryGetProperty(segment, out var child) ? child : null;
            info = info.Options.GetTypeInfo(property.PropertyType);
        }
        var field = names.Count > 0 ? string.Join('.', names) : "The request body";
        if (property is null || value is not { } actual)
            return new RuleViolation(ErrorCode.InvalidRequest, $"{field} could not be read.");

        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        if (type == typeof(decimal) && actual.ValueKind == JsonValueKind.Number)
            return new RuleViolation(ErrorCode.InvalidAmount, $"{field} is out of range.");
        if (type == typeof(Guid) && actual.ValueKind == JsonValueKind.String)
            return new RuleViolation(ErrorCode.InvalidRequest, $"{field} must be a UUID; got '{actual.GetString()}'.");
        if (type == typeof(DateTimeOffset) && actual.ValueKind == JsonValueKind.String)
            return new RuleViolation(ErrorCode.InvalidRequest, $"{field} must be an ISO-8601 date-time; got '{actual.GetString()}'.");
        return new RuleViolation(ErrorCode.InvalidRequest, $"{field} must be {Expected(type, info)}, not {Describe(actual.ValueKind)}.");
    }

    private static string Expected(Type type, JsonTypeInfo info) =>
        type == typeof(decimal) ? "a number"
        : type == typeof(long) || type == typeof(int) ? "a whole number"
        : type == typeof(bool) ? "true or false"
        : type == typeof(string) ? "a string"
        : type == typeof(Guid) ? "a UUID"
        : type == typeof(DateTimeOffset) ? "an ISO-8601 date-time"
        : info.Kind == JsonTypeInfoKind.Object ? "an object"
        : "another value";

    /// <summary>The property names along a JSON path as System.Text.Json writes it: <c>$.a.b</c>, <c>$['a b']</c>.</summary>
    private static IEnumerable<string> Segments(string? path)
    {
        var rest = path is ['$', .. var tail] ? tail : "";
        while (rest.Length > 0)
        {
            if (rest.StartsWith("['", StringComparison.Ordinal) && rest.IndexOf("']", StringComparison.Ordinal) is var close and > 1)
            {
                yield return rest[2..close];
                rest = rest[(close + 2)..];
            }
            else if (rest[0] == '.')
            {
                var end = rest.IndexOfAny(['.', '['], 1);
                yield return end < 0 ? rest[1..] : rest[1..end];
                rest = end < 0 ? "" : rest[end..];
            }
            else
            {
                // An array index: the records have no arrays, so the field before it is the one to name.
                yield break;
            }
        }
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}
