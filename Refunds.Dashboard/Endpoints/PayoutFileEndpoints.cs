using Microsoft.Net.Http.Headers;
using Refunds.Core;
using Refunds.Core.Access;
using Refunds.Core.Payouts.BankFile;
using Refunds.Dashboard.Identity;

namespace Refunds.Dashboard.Endpoints;

/// <summary>The bank-file rail: payout files (pain.001) out, the bank's status reports (pain.002, camt.054) in.</summary>
public static class PayoutFileEndpoints
{
    public static IEndpointRouteBuilder MapPayoutFileEndpoints(this IEndpointRouteBuilder app)
    {
        var files = app.MapGroup("/payout-files").WithTags("Payout files").AsApiSurface();

        files.MapPost("", CreatePayoutFile)
            .RequireAuthorization(PermissionPolicies.Api(Permission.ApproveRefunds))
            .WithName("createPayoutFile").WithSummary("Put every approved refund not yet in a file in a new pain.001 file (they become PENDING_WITH_BANK)")
            .Produces<PayoutFileJson>(StatusCodes.Status201Created);
        files.MapGet("", ListPayoutFiles)
            .RequireAuthorization(PermissionPolicies.Api(Permission.ReadRefunds))
            .WithName("listPayoutFiles").WithSummary("Payout files, newest first, with their totals per currency")
            .Produces<PageJson<PayoutFileJson>>();
        files.MapGet("/{fileId}", GetPayoutFile)
            .RequireAuthorization(PermissionPolicies.Api(Permission.ReadRefunds))
            .WithName("getPayoutFile").WithSummary("One payout file with its refunds and totals per currency")
            .Produces<PayoutFileJson>();
        files.MapGet("/{fileId}/content", GetPayoutFileContent)
            .RequireAuthorization(PermissionPolicies.Api(Permission.ReadRefunds))
            .WithName("getPayoutFileContent").WithSummary("The file's pain.001 XML exactly as it was made, to upload to the bank")
            .Produces<string>(contentType: "application/xml");
        files.MapPost("/{fileId}/sent", MarkPayoutFileSent)
            .RequireAuthorization(PermissionPolicies.Api(Permission.ApproveRefunds))
            .WithName("markPayoutFileSent").WithSummary("Record that the file was uploaded to the bank (it can no longer be voided)")
            .Produces<PayoutFileJson>();
        files.MapPost("/{fileId}/void", VoidPayoutFile)
            .RequireAuthorization(PermissionPolicies.Api(Permission.ApproveRefunds))
            .WithName("voidPayoutFile").WithSummary("Withdraw a file not yet sent: its refunds go back to APPROVED")
            .Produces<PayoutFileJson>();
        files.MapPost("/status-reports", ApplyStatusReport)
            .RequireAuthorization(PermissionPolicies.Api(Permission.ApproveRefunds))
            .WithName("applyStatusReport").WithSummary("Apply the bank's pain.002 status report or camt.054 debit notification to the refunds it names")
            .Accepts<string>("application/xml", "text/xml")
            .Produces<StatusReportJson>(StatusCodes.Status201Created)
            .Produces<StatusReportJson>();
        return app;
    }

    private static async Task<IResult> CreatePayoutFile(CallingActor caller, PayoutFiles payoutFiles, PayoutFileQueries queries,
        CancellationToken cancellationToken)
    {
        var file = await payoutFiles.CreateAsync(caller.Actor, cancellationToken);
        return TypedResults.Created($"/payout-files/{file.Id}", await JsonOfAsync(caller, queries, file.Id, withRefunds: false, cancellationToken));
    }

    private static async Task<IResult> ListPayoutFiles(HttpRequest request, CallingActor caller, PayoutFileQueries queries,
        CancellationToken cancellationToken)
    {
        var query = new QueryParameters(request.Query);
        var page = await queries.ListAsync(caller.Actor, query.Int("page", 0), query.Int("size", PagedList<PayoutFile>.DefaultSize), cancellationToken);
        return TypedResults.Ok(PageJson<PayoutFileJson>.From(page, f => PayoutFileJson.From(f)));
    }

    private static async Task<IResult> GetPayoutFile(string fileId, CallingActor caller, PayoutFileQueries queries, CancellationToken cancellationToken) =>
        TypedResults.Ok(await JsonOfAsync(caller, queries, RouteId.Of(fileId, "payout file"), withRefunds: true, cancellationToken));

    private static async Task<IResult> GetPayoutFileContent(string fileId, CallingActor caller, PayoutFileQueries queries,
        CancellationToken cancellationToken)
    {
        var id = RouteId.Of(fileId, "payout file");
        var (name, xml) = await queries.ContentAsync(caller.Actor, id, cancellationToken) ?? throw NotFound(id);
        return TypedResults.File(xml, "application/xml", name);
    }

    private static async Task<IResult> MarkPayoutFileSent(string fileId, CallingActor caller, PayoutFiles payoutFiles, PayoutFileQueries queries,
        CancellationToken cancellationToken)
    {
        var file = await payoutFiles.MarkSentAsync(caller.Actor, RouteId.Of(fileId, "payout file"), cancellationToken);
        return TypedResults.Ok(await JsonOfAsync(caller, queries, file.Id, withRefunds: false, cancellationToken));
    }

    private static async Task<IResult> VoidPayoutFile(string fileId, CallingActor caller, PayoutFiles payoutFiles, PayoutFileQueries queries,
        CancellationToken cancellationToken)
    {
        var file = await payoutFiles.VoidAsync(caller.Actor, RouteId.Of(fileId, "payout file"), cancellationToken);
        return TypedResults.Ok(await JsonOfAsync(caller, queries, file.Id, withRefunds: false, cancellationToken));
    }

    private static async Task<IResult> ApplyStatusReport(HttpRequest request, CallingActor caller, StatusReports reports,
        CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var media) || media.MediaType.Value?.ToLowerInvariant() is not ("application/xml" or "text/xml"))
        {
            await ApiHosting.SurfaceOf(request.HttpContext).WriteAsync(request.HttpContext, StatusCodes.Status415UnsupportedMediaType,
                "UNSUPPORTED_MEDIA_TYPE", "Send the status report as the body, with Content-Type: application/xml (pain.002, camt.054).");
            return Results.Empty;
        }
        var outcome = await reports.ApplyAsync(caller.Actor, request.Body, cancellationToken);
        return outcome.AlreadyApplied
            ? TypedResults.Ok(StatusReportJson.From(outcome))
            : TypedResults.Created((string?)null, StatusReportJson.From(outcome));
    }

    private static async Task<PayoutFileJson> JsonOfAsync(CallingActor caller, PayoutFileQueries queries, Guid id, bool withRefunds,
        CancellationToken cancellationToken)
    {
        var summary = await queries.FindAsync(caller.Actor, id, cancellationToken) ?? throw NotFound(id);
        return PayoutFileJson.From(summary, withRefunds ? await queries.RefundsAsync(caller.Actor, id, cancellationToken) : null);
    }

    private static RuleViolation NotFound(Guid id) => new(ErrorCode.PayoutFileNotFound, $"Payout file {id} does not exist.");
}
