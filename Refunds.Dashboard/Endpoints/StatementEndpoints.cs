using System.ComponentModel.DataAnnotations;
using Microsoft.Net.Http.Headers;
using Refunds.Core;
using Refunds.Core.Access;
using Refunds.Core.Statements;
using Refunds.Dashboard.Identity;

namespace Refunds.Dashboard.Endpoints;

/// <summary>Bank statements in (camt.053, camt.054, CSV): import, read the outcome line by line, match a line by hand.</summary>
public static class StatementEndpoints
{
    public static IEndpointRouteBuilder MapStatementEndpoints(this IEndpointRouteBuilder app)
    {
        var statements = app.MapGroup("/statements").WithTags("Statements").AsApiSurface();

        statements.MapPost("", ImportStatement)
            .RequireAuthorization(PermissionPolicies.Api(Permission.WritePayments))
            .WithName("importStatement").WithSummary("Import a bank statement (camt.053, camt.054 or CSV) and reconcile the payments it pays for")
            .Accepts<string>("application/xml", "text/xml", "text/csv")
            .Produces<StatementJson>(StatusCodes.Status201Created)
            .Produces<StatementJson>();
        statements.MapGet("", ListStatements)
            .RequireAuthorization(PermissionPolicies.Api(Permission.ReadPayments))
            .WithName("listStatements").WithSummary("Imported statements, newest first")
            .Produces<PageJson<StatementJson>>();
        statements.MapGet("/{statementId}", GetStatement)
            .RequireAuthorization(PermissionPolicies.Api(Permission.ReadPayments))
            .WithName("getStatement").WithSummary("One imported statement and how its lines came out")
            .Produces<StatementJson>();
        statements.MapGet("/{statementId}/lines", ListStatementLines)
            .RequireAuthorization(PermissionPolicies.Api(Permission.ReadPayments))
            .WithName("listStatementLines").WithSummary("A statement's lines in file order, of one result when asked, with the candidates of ambiguous ones")
            .Produces<PageJson<StatementLineJson>>();
        statements.MapPost("/{statementId}/lines/{lineId}/match", MatchStatementLine)
            .RequireAuthorization(PermissionPolicies.Api(Permission.WritePayments))
            .WithName("matchStatementLine").WithSummary("Match an unmatched or ambiguous line to a payment of its currency and amount, reconciling it")
            .Accepts<MatchLineBody>("application/json")
            .Produces<StatementLineJson>();
        return app;
    }

    public sealed record MatchLineBody(
        [property: Required] Guid? PaymentId,
        [property: MaxLength(InputLimits.Note)] string? Note);

    private static async Task<IResult> ImportStatement(HttpRequest request, CallingActor caller, StatementImporter importer,
        CancellationToken cancellationToken)
    {
        var type = MediaTypeHeaderValue.TryParse(request.ContentType, out var media) ? media.MediaType.Value?.ToLowerInvariant() switch
        {
            "application/xml" or "text/xml" => StatementFileType.Xml,
            "text/csv" => StatementFileType.Csv,
            _ => (StatementFileType?)null,
        } : null;
        if (type is null)
        {
            await ApiHosting.SurfaceOf(request.HttpContext).WriteAsync(request.HttpContext, StatusCodes.Status415UnsupportedMediaType,
                "UNSUPPORTED_MEDIA_TYPE", "Send the statement as the body, with Content-Type: application/xml (camt.053, camt.054) or text/csv.");
            return Results.Empty;
        }
        var (import, created) = await importer.ImportAsync(caller.Actor, request.Body, type.Value, cancellationToken);
        return created
            ? TypedResults.Created($"/statements/{import.Id}", StatementJson.From(import, created))
            : TypedResults.Ok(StatementJson.From(import, created));
    }

    private static async Task<IResult> ListStatements(HttpRequest request, CallingActor caller, StatementQueries queries,
        CancellationToken cancellationToken)
    {
        var query = new QueryParameters(request.Query);
        var page = await queries.ListAsync(caller.Actor, query.Int("page", 0), query.Int("size", PagedList<StatementImport>.DefaultSize), cancellationToken);
        return TypedResults.Ok(PageJson<StatementJson>.From(page, i => StatementJson.From(i)));
    }

    private static async Task<IResult> GetStatement(string statementId, CallingActor caller, StatementQueries queries,
        CancellationToken cancellationToken)
    {
        var id = RouteId.Of(statementId, "statement");
        var import = await queries.FindAsync(caller.Actor, id, cancellationToken)
            ?? throw new RuleViolation(ErrorCode.StatementNotFound, $"Statement {id} does not exist.");
        return TypedResults.Ok(StatementJson.From(import));
    }

    private static async Task<IResult> ListStatementLines(string statementId, HttpRequest request, CallingActor caller, StatementQueries queries,
        CancellationToken cancellationToken)
    {
        var query = new QueryParameters(request.Query);
        var lines = await queries.LinesAsync(caller.Actor, RouteId.Of(statementId, "statement"), query.WireNamed<LineResult>("result"), query.Int("page", 0),
            query.Int("size", PagedList<ImportedStatementLine>.DefaultSize), cancellationToken);
        return TypedResults.Ok(PageJson<StatementLineJson>.From(lines.Lines, line => StatementLineJson.From(line, lines.Candidates)));
    }

    private static async Task<IResult> MatchStatementLine(string statementId, string lineId, HttpRequest request, CallingActor caller,
        StatementImporter importer, CancellationToken cancellationToken)
    {
        var (importId, line) = (RouteId.Of(statementId, "statement"), RouteId.Of(lineId, "statement line"));
        var body = await RequestBody.ObjectAsync(request, LeanApiJsonContext.Default.MatchLineBody, cancellationToken);
        var matched = await importer.MatchAsync(caller.Actor, importId, line, RequestBody.Required(body.PaymentId, "payment_id"), body.Note,
            cancellationToken);
        return TypedResults.Ok(StatementLineJson.From(matched, new Dictionary<Guid, Core.Payments.Payment>()));
    }
}
