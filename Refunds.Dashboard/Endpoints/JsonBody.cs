using System.Globalization;
using System.Text.Json;
using Refunds.Core;

namespace Refunds.Dashboard.Endpoints;

/// <summary>
/// Strict reading of request bodies, so that malformed input gets a 400 that says what to fix,
/// never a 500 and never a half-understood request. Unknown fields are ignored.
/// </summary>
internal static class JsonBody
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 16, AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow };

    public static async Task<JsonElement> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, Options, cancellationToken);
            return document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw new RuleViolation(ErrorCode.InvalidRequest, $"The request body is not valid JSON ({ex.Message.Split('.')[0]}).");
        }
    }

    /// <summary>An optional body: null when the request has none.</summary>
    public static async Task<JsonElement?> ReadOptionalAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        if (buffer.Length == 0) return null;
        buffer.Position = 0;
        try
        {
            using var document = await JsonDocument.ParseAsync(buffer, Options, cancellationToken);
            return document.RootElement.ValueKind == JsonValueKind.Null ? null : document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw new RuleViolation(ErrorCode.InvalidRequest, $"The request body is not valid JSON ({ex.Message.Split('.')[0]}).");
        }
    }

    /// <summary>A body that is one object, or an array of 1..max objects, as a list of items.</summary>
    public static IReadOnlyList<JsonElement> Items(JsonElement root, int max, string what)
    {
        switch (root.ValueKind)
        {
            case JsonValueKind.Object:
                return [root];
            case JsonValueKind.Array:
                var count = root.GetArrayLength();
                if (count == 0) throw new RuleViolation(ErrorCode.InvalidRequest, $"The request holds no {what}.");
                if (count > max) throw new RuleViolation(ErrorCode.InvalidRequest, $"The request holds {count} {what}; at most {max} are allowed at once.");
                var items = root.EnumerateArray().ToList();
                var notObjects = items.Select((item, index) => (item, index)).Where(x => x.item.ValueKind != JsonValueKind.Object)
                    .Select(x => new ItemViolation(x.index, ErrorCode.InvalidRequest, "Each item must be a JSON object.")).ToList();
                if (notObjects.Count > 0) throw new BatchViolation(notObjects);
                return items;
            default:
                throw new RuleViolation(ErrorCode.InvalidRequest, $"The request body must be a JSON object or an array of objects, not {Describe(root.ValueKind)}.");
        }
    }

    public static JsonElement Object(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
            throw new RuleViolation(ErrorCode.InvalidRequest, $"The request body must be a JSON object, not {Describe(root.ValueKind)}.");
        return root;
    }

    /// <summary>Reads items one by one, collecting every field error with its item's index, then fails once with all of them.</summary>
    public static IReadOnlyList<T> Map<T>(IReadOnlyList<JsonElement> items, Func<Fields, T> read)
    {
        var results = new List<T>(items.Count);
        var violations = new List<ItemViolation>();
        for (var index = 0; index < items.Count; index++)
        {
            try
            {
                results.Add(read(new Fields(items[index])));
            }
            catch (RuleViolation violation)
            {
                violations.Add(new ItemViolation(index, violation.Code, violation.Message));
            }
        }
        if (violations.Count > 0) throw new BatchViolation(violations);
        return results;
    }

    internal static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    /// <summary>Typed access to the fields of one JSON object; a wrong type is an INVALID_REQUEST naming the field.</summary>
    internal readonly struct Fields(JsonElement item)
    {
        public bool Has(string name) => item.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null;

        public string? String(string name, int maxLength = 500)
        {
            if (!item.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
            if (value.ValueKind != JsonValueKind.String) throw Wrong(name, "a string", value);
            var text = value.GetString()!;
            if (text.Length > maxLength) throw new RuleViolation(ErrorCode.InvalidRequest, $"{name} is longer than {maxLength} characters.");
            return text;
        }

        public string RequiredString(string name, int maxLength = 500) =>
            String(name, maxLength) is { Length: > 0 } text && !string.IsNullOrWhiteSpace(text)
                ? text
                : throw new RuleViolation(ErrorCode.InvalidRequest, $"{name} is required.");

        public Guid RequiredGuid(string name)
        {
            var text = String(name, 64) ?? throw new RuleViolation(ErrorCode.InvalidRequest, $"{name} is required.");
            return Guid.TryParse(text, out var id)
                ? id
                : throw new RuleViolation(ErrorCode.InvalidRequest, $"{name} must be a UUID; got '{text}'.");
        }

        public decimal? Decimal(string name)
        {
            if (!item.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
            if (value.ValueKind != JsonValueKind.Number) throw Wrong(name, "a number", value);
            return value.TryGetDecimal(out var number)
                ? number
                : throw new RuleViolation(ErrorCode.InvalidAmount, $"{name} is out of range.");
        }

        public decimal RequiredDecimal(string name) =>
            Decimal(name) ?? throw new RuleViolation(ErrorCode.InvalidRequest, $"{name} is required.");

        public long? Integer(string name)
        {
            if (!item.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
            if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var number)) throw Wrong(name, "a whole number", value);
            return number;
        }

        public bool? Boolean(string name)
        {
            if (!item.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
            return value.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => throw Wrong(name, "true or false", value),
            };
        }

        public DateTimeOffset? Instant(string name)
        {
            var text = String(name, 64);
            if (text is null) return null;
            return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
                ? at.ToUniversalTime()
                : throw new RuleViolation(ErrorCode.InvalidRequest, $"{name} must be an ISO-8601 date-time; got '{text}'.");
        }

        public Fields? Object(string name)
        {
            if (!item.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
            if (value.ValueKind != JsonValueKind.Object) throw Wrong(name, "an object", value);
            return new Fields(value);
        }

        public JsonElement? Raw(string name) =>
            item.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value.Clone() : null;

        private static RuleViolation Wrong(string name, string expected, JsonElement value) =>
            new(ErrorCode.InvalidRequest, $"{name} must be {expected}, not {Describe(value.ValueKind)}.");
    }
}
