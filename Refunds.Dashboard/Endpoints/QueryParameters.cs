using System.Globalization;
using Refunds.Core;
using Refunds.Core.Refunds;

namespace Refunds.Dashboard.Endpoints;

/// <summary>Strict reading of query parameters: a value that does not parse is a 400 naming it.</summary>
internal readonly struct QueryParameters(IQueryCollection query)
{
    public string? Text(string name, int maxLength = 200)
    {
        var value = query[name].ToString();
        if (string.IsNullOrWhiteSpace(value)) return null;
        return value.Length <= maxLength ? value.Trim() : throw Invalid(name, $"at most {maxLength} characters");
    }

    public int Int(string name, int fallback) =>
        Text(name) is not { } text ? fallback
        : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value
        : throw Invalid(name, "a whole number");

    public Guid? Guid(string name) =>
        Text(name) is not { } text ? null
        : System.Guid.TryParse(text, out var value) ? value
        : throw Invalid(name, "a UUID");

    public bool? Bool(string name) =>
        Text(name) is not { } text ? null
        : bool.TryParse(text, out var value) ? value
        : throw Invalid(name, "true or false");

    public DateTimeOffset? Instant(string name) =>
        Text(name) is not { } text ? null
        : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value) ? value.ToUniversalTime()
        : throw Invalid(name, "an ISO-8601 date or date-time");

    public RefundStatus? Status(string name) =>
        Text(name) is not { } text ? null
        : RefundStatusTransitions.TryParse(text, out var status) ? status
        : throw new RuleViolation(ErrorCode.InvalidStatus,
            $"{name} must be one of {string.Join(", ", Enum.GetValues<RefundStatus>().Select(WireName.Of))} (or CONFIRMED); got '{text}'.");

    /// <summary>One of an enum's wire names (<c>MATCHED</c>), read case-insensitively.</summary>
    public TEnum? WireNamed<TEnum>(string name) where TEnum : struct, Enum =>
        Text(name, 64) is not { } text ? null
        : WireName.TryParse<TEnum>(text, out var value) ? value
        : throw new RuleViolation(ErrorCode.InvalidRequest,
            $"{name} is one of {string.Join(", ", Enum.GetValues<TEnum>().Select(WireName.Of))}; got '{text}'.");

    private static RuleViolation Invalid(string name, string expected) =>
        new(ErrorCode.InvalidRequest, $"Query parameter {name} must be {expected}.");
}
