using System.Globalization;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Refunds.Core;
using Refunds.Core.Access;
using Refunds.Core.Analytics;
using Refunds.Core.Payments;
using Refunds.Core.Refunds;
using Refunds.Dashboard.Endpoints;
using Refunds.Dashboard.Identity;

namespace Refunds.Dashboard.Exports;

/// <summary>
/// The Overview's "Download CSV": its daily series, one row per day and currency, with the count and the
/// amount of the refunds created that day in each status they are in now. A plain GET under the operator's session.
/// </summary>
public static class OverviewExport
{
    public const string Path = "/exports/overview-daily.csv";

    public static IEndpointRouteBuilder MapOverviewExport(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, ExportAsync)
            .RequireAuthorization(PermissionPolicies.Operator(Permission.ReadRefunds))
            .ExcludeFromDescription();
        return app;
    }

    /// <summary>The export's address for a period and a currency (all when null).</summary>
    public static string UrlFor(DateTimeOffset from, DateTimeOffset to, string? currency) =>
        QueryHelpers.AddQueryString(Path, new Dictionary<string, string?>
        {
            ["from"] = Instant(from),
            ["to"] = Instant(to),
            ["currency"] = currency,
        }.Where(p => p.Value is not null));

    private static async Task ExportAsync(HttpContext http, ClaimsPrincipal user, ActorResolver actors, RefundAnalytics analytics,
        CancellationToken cancellationToken)
    {
        var actor = actors.Resolve(user);
        IReadOnlyList<RefundOverview> overviews;
        try
        {
            var query = new QueryParameters(http.Request.Query);
            var from = query.Instant("from") ?? throw new RuleViolation(ErrorCode.InvalidRequest, "Query parameter from is required.");
            var to = query.Instant("to") ?? throw new RuleViolation(ErrorCode.InvalidRequest, "Query parameter to is required.");
            overviews = query.Text("currency", 16) is { } code
                ? [await analytics.ReadAsync(actor, from, to, Currency.Of(code), cancellationToken)]
                : await analytics.ReadEachCurrencyAsync(actor, from, to, cancellationToken);
        }
        catch (RuleViolation violation)
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            await http.Response.WriteAsync(violation.Message, cancellationToken);
            return;
        }

        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = "attachment; filename=\"refunds-daily.csv\"";
        await using var writer = new StreamWriter(http.Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true)) { NewLine = "\r\n" };
        await writer.WriteLineAsync(string.Join(',', Header()));
        foreach (var overview in overviews)
        foreach (var day in overview.Daily)
            await writer.WriteLineAsync(string.Join(',', Row(overview.Currency, day).Select(CsvField.Of)));
    }

    public static IEnumerable<string> Header() =>
        ["date", "currency", .. Enum.GetValues<RefundStatus>().SelectMany(s => new[] { $"{WireName.Of(s).ToLowerInvariant()}_count", $"{WireName.Of(s).ToLowerInvariant()}_amount" })];

    private static IEnumerable<string> Row(Currency currency, DailyStatuses day) =>
    [
        day.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), currency.Code,
        .. Enum.GetValues<RefundStatus>().SelectMany(s => new[]
        {
            day.ByStatus[s].Count.ToString(CultureInfo.InvariantCulture),
            day.ByStatus[s].Amount.Major.ToString("F" + currency.MinorUnits, CultureInfo.InvariantCulture),
        }),
    ];

    private static string Instant(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
