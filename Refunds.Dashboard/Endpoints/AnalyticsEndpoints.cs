using Refunds.Core;
using Refunds.Core.Access;
using Refunds.Core.Analytics;
using Refunds.Core.Payments;
using Refunds.Dashboard.Identity;

namespace Refunds.Dashboard.Endpoints;

/// <summary>Refund analytics: the Overview's figures for one currency and period.</summary>
public static class AnalyticsEndpoints
{
    public static IEndpointRouteBuilder MapAnalyticsEndpoints(this IEndpointRouteBuilder app)
    {
        var analytics = app.MapGroup("/analytics").WithTags("Analytics").AsApiSurface();

        analytics.MapGet("/refunds", GetRefundAnalytics)
            .RequireAuthorization(PermissionPolicies.Api(Permission.ReadRefunds))
            .WithName("getRefundAnalytics")
            .WithSummary("Refunds created in [from, to) of one currency (created, paid out, rates, percentiles, failures, daily series, reasons) and those awaiting approval now")
            .Produces<RefundAnalyticsJson>();
        return app;
    }

    private static async Task<IResult> GetRefundAnalytics(HttpRequest request, CallingActor caller, RefundAnalytics analytics,
        CancellationToken cancellationToken)
    {
        var query = new QueryParameters(request.Query);
        var from = query.Instant("from") ?? throw Required("from");
        var to = query.Instant("to") ?? throw Required("to");
        var currency = Currency.Of(query.Text("currency", 16) ?? throw Required("currency"));
        var overview = await analytics.ReadAsync(caller.Actor, from, to, currency, cancellationToken);
        return TypedResults.Ok(RefundAnalyticsJson.Of(overview));
    }

    private static RuleViolation Required(string name) =>
        new(ErrorCode.InvalidRequest, $"Query parameter {name} is required ({(name == "currency" ? "an ISO 4217 code" : "an ISO-8601 date or date-time in UTC")}).");
}
