using System.Security.Claims;
using Refunds.Core;
using Refunds.Core.Access;
using Refunds.Core.Refunds;
using Refunds.Dashboard.Identity;

namespace Refunds.Dashboard.Endpoints.RefundInitiation;

/// <summary>
/// The refund initiation API of seed 003, as a thin adapter over the engine: it translates the seed's
/// fields and calls <see cref="RefundEngine"/> and <see cref="RefundQueries"/>, which hold every rule.
/// </summary>
public static class RefundInitiationEndpoints
{
    public static IEndpointRouteBuilder MapRefundInitiationEndpoints(this IEndpointRouteBuilder app)
    {
        var refunds = app.MapGroup("/v1/refunds").WithTags("Refund initiation").AsApiSurface(RefundInitiationSurface.Instance);

        refunds.MapPost("/initiate", InitiateRefund)
            .RequireAuthorization(PermissionPolicies.Api(Permission.WriteRefunds))
            .WithName("initiateRefund").WithSummary("Initiate a full or partial refund of a transaction (seed 003)")
            .Accepts<InitiateRefundBody>("application/json")
            .Produces<InitiatedRefundJson>(StatusCodes.Status201Created)
            .Produces<RefundInitiationError>(StatusCodes.Status400BadRequest)
            .Produces<RefundInitiationError>(StatusCodes.Status404NotFound)
            .Produces<RefundInitiationError>(StatusCodes.Status409Conflict);
        refunds.MapGet("/{refundId}/status", GetRefundStatus)
            .RequireAuthorization(PermissionPolicies.Api(Permission.ReadRefunds))
            .WithName("getRefundStatus").WithSummary("The current status and details of a refund (seed 003)")
            .Produces<RefundStatusJson>()
            .Produces<RefundInitiationError>(StatusCodes.Status404NotFound);
        return app;
    }

    /// <summary>
    /// The body of <c>POST /v1/refunds/initiate</c> (documentation; the body is read strictly by hand).
    /// <c>transactionId</c> is a payment id, or a payment's merchant reference; <c>amount</c> is in major units.
    /// </summary>
    public sealed record InitiateRefundBody(string TransactionId, decimal? Amount, string Reason, string RefundType, System.Text.Json.JsonElement? Metadata);

    private static async Task<IResult> InitiateRefund(HttpRequest request, ClaimsPrincipal user, ActorResolver actors, RefundEngine engine,
        CancellationToken cancellationToken)
    {
        var body = new JsonBody.Fields(JsonBody.Object(await JsonBody.ReadAsync(request, cancellationToken)));
        var transactionId = body.RequiredString("transactionId", 128);
        var amount = body.Decimal("amount");
        var (reasonCode, description) = FreeTextReason.Of(body.RequiredString("reason", 500));
        var refundType = body.RequiredString("refundType", 16);
        var kind = WireName.TryParse<RefundKind>(refundType, out var parsed)
            ? parsed
            : throw new RuleViolation(ErrorCode.InvalidRequest, $"refundType is full or partial; got '{refundType}'.");
        var metadata = body.Raw("metadata");
        var idempotencyKey = request.Headers["Idempotency-Key"].ToString();

        // A transaction is named by its payment id, or else by the merchant's reference for it.
        var isPaymentId = Guid.TryParse(transactionId, out var paymentId);
        var created = await engine.CreateAsync(actors.Resolve(user),
            [new RefundRequest(paymentId, amount, null, reasonCode, description, IdempotencyKey: idempotencyKey.Length > 0 ? idempotencyKey : null,
                PaymentReference: isPaymentId ? null : transactionId, Kind: kind, Metadata: metadata?.GetRawText())],
            cancellationToken);
        return TypedResults.Created((string?)null, InitiatedRefundJson.From(created[0]));
    }

    private static async Task<IResult> GetRefundStatus(string refundId, ClaimsPrincipal user, ActorResolver actors, RefundQueries queries,
        CancellationToken cancellationToken)
    {
        // Not a refund id is not a refund: the seed's 404, not a 400.
        var refund = Guid.TryParse(refundId, out var id) ? await queries.FindAsync(actors.Resolve(user), id, cancellationToken) : null;
        return refund is null
            ? throw new RuleViolation(ErrorCode.RefundNotFound, $"Refund {refundId} does not exist.")
            : TypedResults.Ok(RefundStatusJson.From(refund));
    }
}
