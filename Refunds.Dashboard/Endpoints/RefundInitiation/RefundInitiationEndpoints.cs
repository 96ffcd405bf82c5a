using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
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
    /// The body of <c>POST /v1/refunds/initiate</c>. <c>transactionId</c> is a payment id, or a payment's
    /// merchant reference; <c>amount</c> is in major units; <c>metadata</c> is any JSON object, kept as sent.
    /// </summary>
    public sealed record InitiateRefundBody(
        [property: Required, MaxLength(InputLimits.MerchantReference)] string? TransactionId,
        decimal? Amount,
        [property: Required, MaxLength(InputLimits.Description)] string? Reason,
        [property: Required, AllowedValues("full", "partial")] string? RefundType,
        JsonElement? Metadata);

    private static async Task<IResult> InitiateRefund(HttpRequest request, CallingActor caller, RefundEngine engine,
        [FromHeader(Name = RefundEndpoints.IdempotencyKeyHeader)] string? idempotencyKey, CancellationToken cancellationToken)
    {
        var body = await RequestBody.ObjectAsync(request, RefundInitiationJsonContext.Default.InitiateRefundBody, cancellationToken);
        var transactionId = RequestBody.Required(body.TransactionId, "transactionId");
        var (reasonCode, description) = FreeTextReason.Of(RequestBody.Required(body.Reason, "reason"));
        var refundType = RequestBody.Required(body.RefundType, "refundType");
        var kind = WireName.TryParse<RefundKind>(refundType, out var parsed)
            ? parsed
            : throw new RuleViolation(ErrorCode.InvalidRequest, $"refundType is full or partial; got '{refundType}'.");
        var metadata = body.Metadata is { ValueKind: not JsonValueKind.Null } json ? json.GetRawText() : null;

        // A transaction is named by its payment id, or else by the merchant's reference for it.
        var isPaymentId = Guid.TryParse(transactionId, out var paymentId);
        var created = await engine.CreateAsync(caller.Actor,
            [new RefundRequest(paymentId, body.Amount, null, reasonCode, description, IdempotencyKey: idempotencyKey,
                PaymentReference: isPaymentId ? null : transactionId, Kind: kind, Metadata: metadata)],
            cancellationToken);
        return TypedResults.Created((string?)null, InitiatedRefundJson.From(created[0]));
    }

    private static async Task<IResult> GetRefundStatus(string refundId, CallingActor caller, RefundQueries queries,
        CancellationToken cancellationToken)
    {
        // Not a refund id is not a refund: the seed's 404, not a 400.
        var refund = Guid.TryParse(refundId, out var id) ? await queries.FindAsync(caller.Actor, id, cancellationToken) : null;
        return refund is null
            ? throw new RuleViolation(ErrorCode.RefundNotFound, $"Refund {refundId} does not exist.")
            : TypedResults.Ok(RefundStatusJson.From(refund));
    }
}
