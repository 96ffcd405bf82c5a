using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Refunds.Core;
using Refunds.Core.Access;
using Refunds.Core.Refunds;
using Refunds.Dashboard.Identity;

namespace Refunds.Dashboard.Endpoints.AdminRefunds;

/// <summary>
/// The admin refunds API of seeds 002 (create) and 004 (list), as a thin adapter over the engine: it
/// translates the seed's fields and calls <see cref="RefundEngine"/> and <see cref="RefundQueries"/>,
/// which hold every rule.
/// </summary>
public static class AdminRefundEndpoints
{
    /// <summary>How many refunds the list holds when the caller does not say.</summary>
    public const int DefaultLimit = 10;

    public static IEndpointRouteBuilder MapAdminRefundEndpoints(this IEndpointRouteBuilder app)
    {
        var refunds = app.MapGroup("/v1/admin/refunds").WithTags("Admin refunds").AsApiSurface(AdminRefundsSurface.Instance);

        refunds.MapPost("", CreateRefund)
            .RequireAuthorization(PermissionPolicies.Api(Permission.WriteRefunds))
            .WithName("adminCreateRefund").WithSummary("Refund a charge, in full or in part (seed 002)")
            .Accepts<CreateAdminRefundBody>("application/json")
            .Produces<CreatedAdminRefundJson>(StatusCodes.Status201Created)
            .Produces<AdminRefundError>(StatusCodes.Status404NotFound)
            .Produces<AdminRefundError>(StatusCodes.Status409Conflict)
            .Produces<AdminRefundError>(StatusCodes.Status412PreconditionFailed)
            .Produces<AdminRefundError>(StatusCodes.Status422UnprocessableEntity);
        refunds.MapGet("", ListRefunds)
            .RequireAuthorization(PermissionPolicies.Api(Permission.ReadRefunds))
            .WithName("adminListRefunds").WithSummary("Recent refunds, newest first, optionally of one customer (seed 004)")
            .Produces<AdminRefundListJson>()
            .Produces<AdminRefundError>(StatusCodes.Status401Unauthorized)
            .Produces<AdminRefundError>(StatusCodes.Status403Forbidden);
        return app;
    }

    /// <summary>The body of <c>POST /v1/admin/refunds</c>: <c>full: true</c>, or no amount, refunds everything still refundable.</summary>
    public sealed record CreateAdminRefundBody(
        [property: Required, MaxLength(InputLimits.MerchantReference)] string? ChargeId,
        long? AmountCents,
        bool? Full,
        [property: MaxLength(InputLimits.Description)] string? Reason);

    private static async Task<IResult> CreateRefund(HttpRequest request, CallingActor caller, RefundEngine engine,
        [FromHeader(Name = RefundEndpoints.IdempotencyKeyHeader)] string? idempotencyKey, CancellationToken cancellationToken)
    {
        var body = await RequestBody.ObjectAsync(request, AdminRefundsJsonContext.Default.CreateAdminRefundBody, cancellationToken);
        var chargeId = RequestBody.Required(body.ChargeId, "charge_id");
        // full: true takes everything still refundable (an amount, if given, must equal it); no amount does too.
        var kind = body.Full == true ? RefundKind.Full : (RefundKind?)null;
        var (reasonCode, description) = FreeTextReason.Of(body.Reason);

        var created = await engine.CreateAsync(caller.Actor,
            [new RefundRequest(Guid.Empty, null, null, reasonCode, description, IdempotencyKey: idempotencyKey,
                PaymentReference: chargeId, AmountMinor: body.AmountCents, Kind: kind)],
            cancellationToken);
        return TypedResults.Created((string?)null, CreatedAdminRefundJson.From(created[0]));
    }

    private static async Task<IResult> ListRefunds(HttpRequest request, CallingActor caller, RefundQueries queries,
        CancellationToken cancellationToken)
    {
        var query = new QueryParameters(request.Query);
        var page = await queries.ListAsync(caller.Actor, new RefundFilter(CustomerId: query.Text("customer_id", InputLimits.CustomerId)),
            0, query.Int("limit", DefaultLimit), cancellationToken);
        return TypedResults.Ok(new AdminRefundListJson(page.Items.Select(AdminRefundJson.From).ToList()));
    }
}
