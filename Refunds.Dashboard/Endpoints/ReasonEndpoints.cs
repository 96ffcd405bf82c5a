using Refunds.Core.Access;
using Refunds.Core.Reasons;
using Refunds.Dashboard.Identity;

namespace Refunds.Dashboard.Endpoints;

/// <summary>Lean's <c>GET /payouts/refunds/reasons</c>: the reason codes a refund may carry.</summary>
public static class ReasonEndpoints
{
    public static IEndpointRouteBuilder MapReasonEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/payouts/refunds/reasons", ListReasons)
            .RequireAuthorization(PermissionPolicies.Api(Permission.ReadRefunds))
            .WithName("getRefundReasons")
            .WithTags("Refunds");
        return app;
    }

    public sealed record ReasonResponse(string Code, string Description);

    private static async Task<IResult> ListReasons(ReasonCatalog reasons, CancellationToken cancellationToken) =>
        TypedResults.Ok((await reasons.ListActiveAsync(cancellationToken)).Select(r => new ReasonResponse(r.Code, r.Description)));
}
