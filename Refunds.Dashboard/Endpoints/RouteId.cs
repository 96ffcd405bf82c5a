using Refunds.Core;

namespace Refunds.Dashboard.Endpoints;

/// <summary>An id in a REST path: a UUID (or a number, for what is numbered), else a 400 naming what it should have identified.</summary>
internal static class RouteId
{
    public static int Number(string text, string what) =>
        int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new RuleViolation(ErrorCode.InvalidRequest, $"'{text}' is not an {what} (a whole number).");

    public static Guid Of(string text, string what) =>
        Guid.TryParse(text, out var id) ? id : throw new RuleViolation(ErrorCode.InvalidRequest, $"'{text}' is not a {what} id (a UUID).");
}
