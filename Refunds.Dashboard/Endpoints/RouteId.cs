using Refunds.Core;

namespace Refunds.Dashboard.Endpoints;

/// <summary>An id in a REST path: a UUID, else a 400 naming what it should have identified.</summary>
internal static class RouteId
{
    public static Guid Of(string text, string what) =>
        Guid.TryParse(text, out var id) ? id : throw new RuleViolation(ErrorCode.InvalidRequest, $"'{text}' is not a {what} id (a UUID).");
}
