using Refunds.Core.Access;
using Refunds.Core.Reasons;
using Refunds.Dashboard.Identity;

namespace Refunds.Dashboard.Endpoints;

/// <summary>Lean's <c>GET /payouts/refunds/reasons</c>: the reason codes a refund may carry.</summary>
public static class ReasonEndpoints
{
    public static IEndpointRouteBuilder MapReasonEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/payouts/refunds/reasons").WithTags("Refunds").AsApiSurface()
            .MapGet("", ListReasons)
            .RequireAuthorization(PermissionPolicies.Api(Permission.ReadRefunds))
            .WithName("getRefundReasons").WithSummary("The reason codes a new refund may carry")
            .Produces<IReadOnlyList<ReasonResponse>>();
        return app;
    }

    public sealed record ReasonResponse(string Code, string Description);

    private static async Task<IResult> ListReasons(ReasonCatalog reasons, CancellationToken cancellationToken) =>
        TypedResults.Ok((await reasons.ListActiveAsync(cancellationToken)).Select(r => new ReasonResponse(r.Code, r.Description)));
}
