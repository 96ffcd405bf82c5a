using System.Text;
using System.Text.Json;

namespace Refunds.Core.Refunds;

/// <summary>
/// A caller's own data kept on a refund and given back unchanged: one JSON object of at most
/// <see cref="InputLimits.MetadataBytes"/> bytes (UTF-8), stored as the text it was sent as.
/// </summary>
public static class RefundMetadata
{
    /// <summary>The metadata to store, or null for none; fails with INVALID_REQUEST when it is not a small JSON object.</summary>
    public static string? Checked(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return null;
        var text = json.Trim();
        if (Encoding.UTF8.GetByteCount(text) > InputLimits.MetadataBytes)
            throw new RuleViolation(ErrorCode.InvalidRequest, $"metadata is larger than {InputLimits.MetadataBytes} bytes.");
        try
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 16 });
            if (document.RootElement.ValueKind == JsonValueKind.Null) return null;
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new RuleViolation(ErrorCode.InvalidRequest, "metadata must be a JSON object.");
        }
        catch (JsonException)
        {
            throw new RuleViolation(ErrorCode.InvalidRequest, "metadata must be a JSON object.");
        }
        return text;
    }
}
