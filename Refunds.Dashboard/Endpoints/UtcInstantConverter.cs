using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Refunds.Dashboard.Endpoints;

/// <summary>
/// Instants on the wire are ISO-8601 in UTC with a Z, as Lean writes them (<c>2024-11-01T00:00:00Z</c>);
/// read, one without an offset is UTC, and a date alone is its midnight in UTC.
/// </summary>
internal sealed class UtcInstantConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String
        && DateTimeOffset.TryParse(reader.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at.ToUniversalTime()
            : throw new JsonException("Not an ISO-8601 date-time.");

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture));
}
