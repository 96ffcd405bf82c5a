using System.Security.Claims;
using Refunds.Core.Access;
using Refunds.Core.Payouts.BankFile;
using Refunds.Dashboard.Identity;

namespace Refunds.Dashboard.Exports;

/// <summary>
/// The Payout files tab's "Download": a payout file's XML exactly as it was made, as a plain GET under the
/// operator's session so the browser saves it (the REST API's <c>/payout-files/{id}/content</c> takes tokens only).
/// </summary>
public static class PayoutFileDownload
{
    public const string Path = "/exports/payout-files";

    public static string UrlFor(Guid fileId) => $"{Path}/{fileId}";

    public static IEndpointRouteBuilder MapPayoutFileDownload(this IEndpointRouteBuilder app)
    {
        app.MapGet($"{Path}/{{fileId:guid}}", DownloadAsync)
            .RequireAuthorization(PermissionPolicies.Operator(Permission.ReadRefunds))
            .ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> DownloadAsync(Guid fileId, ClaimsPrincipal user, ActorResolver actors, PayoutFileQueries queries,
        CancellationToken cancellationToken) =>
        await queries.ContentAsync(actors.Resolve(user), fileId, cancellationToken) is var (name, xml)
            ? Results.File(xml, "application/xml", name)
            : Results.NotFound();
}
