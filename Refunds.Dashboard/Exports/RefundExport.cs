using System.Globalization;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Refunds.Core;
using Refunds.Core.Access;
using Refunds.Core.Refunds;
using Refunds.Dashboard.Endpoints;
using Refunds.Dashboard.Identity;

namespace Refunds.Dashboard.Exports;

/// <summary>
/// The Refunds tab's "Export CSV": the list as filtered on screen, with maker, checker, bank reference
/// and failure reason. A plain GET under the operator's session, so the browser downloads it.
/// </summary>
public static class RefundExport
{
    public const string Path = "/exports/refunds.csv";

    private const int PageSize = PagedList<Refund>.MaxSize;

    private static readonly string[] Header =
    [
        "refund_id", "created_at", "payment_id", "amount", "currency", "reason_code", "status", "description", "external_reference",
        "beneficiary_name", "beneficiary_iban", "maker_id", "maker_name", "checker_id", "checker_name", "actioned_at", "decision_note",
        "refund_intent_id", "bank_reference", "failure_reason", "updated_at",
    ];

    public static IEndpointRouteBuilder MapRefundExport(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, ExportAsync)
            .RequireAuthorization(PermissionPolicies.Operator(Permission.ReadRefunds))
            .ExcludeFromDescription();
        return app;
    }

    /// <summary>The export's address for a filter, in the query parameters the REST list uses.</summary>
    public static string UrlFor(RefundFilter filter)
    {
        var query = new Dictionary<string, string?>
        {
            ["status"] = filter.Status is { } status ? WireName.Of(status) : null,
            ["from"] = filter.From?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
            ["to"] = filter.To?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
            ["q"] = string.IsNullOrWhiteSpace(filter.Text) ? null : filter.Text.Trim(),
        };
        return QueryHelpers.AddQueryString(Path, query.Where(p => p.Value is not null));
    }

    private static async Task ExportAsync(HttpContext http, ClaimsPrincipal user, ActorResolver actors, RefundQueries queries, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var actor = actors.Resolve(user);
        RefundFilter filter;
        try
        {
            var query = new QueryParameters(http.Request.Query);
            filter = new RefundFilter(query.Status("status"), From: query.Instant("from"), To: query.Instant("to"), Text: query.Text("q"));
        }
        catch (RuleViolation violation)
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            await http.Response.WriteAsync(violation.Message, cancellationToken);
            return;
        }

        // Oldest first up to now: refunds made while the file is written come after the last page, so
        // paging never repeats or skips a row because of them.
        var now = clock.GetUtcNow();
        if (filter.To is null || filter.To > now) filter = filter with { To = now };

        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"refunds-{now:yyyyMMdd-HHmm}.csv\"";
        // A byte order mark so Excel reads the names as UTF-8; CRLF line ends as RFC 4180 asks.
        await using var writer = new StreamWriter(http.Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true)) { NewLine = "\r\n" };
        await writer.WriteLineAsync(string.Join(',', Header));
        for (var page = 0; ; page++)
        {
            var rows = await queries.ListAsync(actor, filter, ListOrder.OldestFirst, page, PageSize, cancellationToken);
            foreach (var refund in rows.Items) await writer.WriteLineAsync(Row(refund));
            if (page + 1 >= rows.TotalPages) break;
        }
    }

    private static string Row(Refund r) => string.Join(',', new[]
    {
        r.Id.ToString(), Instant(r.CreatedAt), r.PaymentId.ToString(), r.Amount.Major.ToString("F" + r.Amount.Currency.MinorUnits, CultureInfo.InvariantCulture),
        r.CurrencyCode, r.ReasonCode, WireName.Of(r.Status), r.Description, r.ExternalReference, r.Beneficiary.Name, r.Beneficiary.Iban,
        r.CreatedBy, r.CreatedByName, r.ActionedBy, r.ActionedByName, r.ActionedAt is { } at ? Instant(at) : null, r.DecisionNote,
        r.RefundIntentId?.ToString(), r.BankReference, r.FailureReason, Instant(r.UpdatedAt),
    }.Select(CsvField.Of));

    private static string Instant(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
