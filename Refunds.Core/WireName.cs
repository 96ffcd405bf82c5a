using System.Collections.Concurrent;
using System.Text.Json;

namespace Refunds.Core;

/// <summary>
/// The one mapping between the engine's enums and the upper snake case names Lean uses on the wire
/// and we store in the database (<c>PendingWithBank</c> ⇄ <c>PENDING_WITH_BANK</c>).
/// </summary>
public static class WireName
{
    private static readonly ConcurrentDictionary<Enum, string> Names = new();

    public static string Of<TEnum>(TEnum value) where TEnum : struct, Enum =>
        Names.GetOrAdd(value, v => JsonNamingPolicy.SnakeCaseUpper.ConvertName(v.ToString()));

    /// <summary>Reads a wire name (case-insensitively); numbers and unknown names are refused.</summary>
    public static bool TryParse<TEnum>(string? text, out TEnum value) where TEnum : struct, Enum
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var wanted = text.Trim();
        foreach (var candidate in Enum.GetValues<TEnum>())
        {
            if (string.Equals(Of(candidate), wanted, StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }
        return false;
    }
}
