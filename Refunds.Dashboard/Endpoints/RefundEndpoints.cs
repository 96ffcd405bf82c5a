using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Refunds.Core;
using Refunds.Core.Access;
using Refunds.Core.Refunds;
using Refunds.Dashboard.Identity;

namespace Refunds.Dashboard.Endpoints;

/// <summary>Lean's Refunds API (<c>/payouts/refunds</c>) on the engine, plus a refund's detail and cancel.</summary>
public static class RefundEndpoints
{
    /// <summary>The header that carries a one-item create's idempotency key, on every surface.</summary>
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    public static IEndpointRouteBuilder MapRefundEndpoints(this IEndpointRouteBuilder app)
    {
        var refunds = app.MapGroup("/payouts/refunds").WithTags("Refunds").AsApiSurface();

        refunds.MapGet("", ListRefunds)
            .RequireAuthorization(PermissionPolicies.Api(Permission.ReadRefunds))
            .WithName("listRefunds").WithSummary("List refunds, newest first")
            .Produces<PageJson<RefundJson>>();
        refunds.MapPost("", CreateRefunds)
            .RequireAuthorization(PermissionPolicies.Api(Permission.WriteRefunds))
            .WithName("createRefund").WithSummary("Create one or more refunds (all or none)")
            .Accepts<IReadOnlyList<CreateRefundItem>>("application/json")
            .Produces<IReadOnlyList<RefundJson>>(StatusCodes.Status201Created);
        refunds.MapPut("", ProcessRefunds)
            .RequireAuthorization(PermissionPolicies.Api(Permission.ApproveRefunds))
            .WithName("processRefunds").WithSummary("Approve (CONFIRMED) or reject refunds (all or none)")
            .Accepts<IReadOnlyList<ProcessRefundItem>>("application/json")
            .Produces<IReadOnlyList<DecisionJson>>();
        refunds.MapGet("/{refundId}", GetRefund)
            .RequireAuthorization(PermissionPolicies.Api(Permission.ReadRefunds))
            .WithName("getRefund").WithSummary("One refund with its audit timeline")
            .Produces<RefundDetailJson>();
        refunds.MapPost("/{refundId}/cancel", CancelRefund)
            .RequireAuthorization(PermissionPolicies.Api(Permission.WriteRefunds))
            .WithName("cancelRefund").WithSummary("Withdraw a refund awaiting approval (its maker only)")
            .Accepts<CancelRefundBody>("application/json")
            .Produces<RefundJson>();
        return app;
    }

    /// <summary>An item of <c>POST /payouts/refunds</c>; without a beneficiary, the refund is paid to the payment's payer.</summary>
    public sealed record CreateRefundItem(
        [property: Required] Guid? PaymentId,
        [property: Required] decimal? Amount,
        string? Currency,
        [property: Required, MaxLength(InputLimits.ReasonCode)] string? ReasonCode,
        [property: MaxLength(InputLimits.Description)] string? Description,
        [property: MaxLength(InputLimits.ExternalReference)] string? ExternalReference,
        BeneficiaryOverride? Beneficiary,
        [property: MaxLength(InputLimits.IdempotencyKey)] string? IdempotencyKey,
        [property: AllowedValues("CREATED", "APPROVED")] string? Status);

    /// <summary>Who the refund is paid to, where it is not the payment's payer.</summary>
    public sealed record BeneficiaryOverride(
        [property: MaxLength(InputLimits.AccountName)] string? Name,
        string? Iban,
        [property: MaxLength(InputLimits.City)] string? City);

    /// <summary>An item of <c>PUT /payouts/refunds</c>: status APPROVED, CONFIRMED or REJECTED.</summary>
    public sealed record ProcessRefundItem(
        [property: Required] Guid? RefundId,
        [property: Required, AllowedValues("APPROVED", "CONFIRMED", "REJECTED")] string? Status,
        [property: MaxLength(InputLimits.Note)] string? Note);

    public sealed record CancelRefundBody([property: MaxLength(InputLimits.Note)] string? Note);

    private static async Task<IResult> ListRefunds(HttpRequest request, CallingActor caller, RefundQueries queries,
        CancellationToken cancellationToken)
    {
        var query = new QueryParameters(request.Query);
        var filter = new RefundFilter(query.Status("status"), query.Guid("payment_id"), query.Instant("from"), query.Instant("to"),
            query.Text("reason_code", InputLimits.ReasonCode), query.Text("q"));
        var page = await queries.ListAsync(caller.Actor, filter, query.Int("page", 0), query.Int("size", PagedList<Refund>.DefaultSize), cancellationToken);
        return TypedResults.Ok(PageJson<RefundJson>.From(page, RefundJson.From));
    }

    private static async Task<IResult> CreateRefunds(HttpRequest request, CallingActor caller, RefundEngine engine,
        [FromHeader(Name = IdempotencyKeyHeader)] string? idempotencyKey, CancellationToken cancellationToken)
    {
        var headerKey = string.IsNullOrEmpty(idempotencyKey) ? null : idempotencyKey;
        var requests = await RequestBody.ItemsAsync(request, LeanApiJsonContext.Default.CreateRefundItem,
            item => ToRefundRequest(item, headerKey), cancellationToken);
        if (headerKey is not null && requests.Count > 1)
            throw new RuleViolation(ErrorCode.InvalidRequest, "The Idempotency-Key header is for one-item requests; give each item its own idempotency_key.");
        var created = await engine.CreateAsync(caller.Actor, requests, cancellationToken);
        var location = created.Count == 1 ? $"/payouts/refunds/{created[0].Id}" : null;
        return TypedResults.Created(location, created.Select(RefundJson.From).ToList());
    }

    private static async Task<IResult> ProcessRefunds(HttpRequest request, CallingActor caller, RefundEngine engine,
        CancellationToken cancellationToken)
    {
        var decisions = await RequestBody.ItemsAsync(request, LeanApiJsonContext.Default.ProcessRefundItem, ToDecision, cancellationToken);
        var decided = await engine.DecideAsync(caller.Actor, decisions, cancellationToken);
        return TypedResults.Ok(decided.Select(DecisionJson.From).ToList());
    }

    private static async Task<IResult> GetRefund(string refundId, CallingActor caller, RefundQueries queries,
        CancellationToken cancellationToken)
    {
        var id = RouteId.Of(refundId, "refund");
        var refund = await queries.FindAsync(caller.Actor, id, cancellationToken)
            ?? throw new RuleViolation(ErrorCode.RefundNotFound, $"Refund {id} does not exist.");
        return TypedResults.Ok(RefundDetailJson.From(refund));
    }

    private static async Task<IResult> CancelRefund(string refundId, HttpRequest request, CallingActor caller,
        RefundEngine engine, CancellationToken cancellationToken)
    {
        var id = RouteId.Of(refundId, "refund");
        var body = await RequestBody.OptionalObjectAsync(request, LeanApiJsonContext.Default.CancelRefundBody, cancellationToken);
        var refund = await engine.CancelAsync(caller.Actor, id, body?.Note, cancellationToken);
        return TypedResults.Ok(RefundJson.From(refund));
    }

    private static RefundRequest ToRefundRequest(CreateRefundItem item, string? headerKey)
    {
        var paymentId = RequestBody.Required(item.PaymentId, "payment_id");
        var amount = RequestBody.Required(item.Amount, "amount");
        var status = item.Status is { } text
            ? RefundStatusTransitions.TryParse(text, out var parsed) && parsed is RefundStatus.Created or RefundStatus.Approved
                ? parsed
                : throw new RuleViolation(ErrorCode.InvalidStatus, $"status of a new refund is CREATED or APPROVED; got '{text}'.")
            : RefundStatus.Created;
        var beneficiary = item.Beneficiary is { } b ? new BeneficiaryRequest(b.Name, b.Iban, b.City) : null;
        return new RefundRequest(paymentId, amount, item.Currency, item.ReasonCode, item.Description, item.ExternalReference, beneficiary,
            item.IdempotencyKey ?? headerKey, status);
    }

    private static RefundDecision ToDecision(ProcessRefundItem item)
    {
        var refundId = RequestBody.Required(item.RefundId, "refund_id");
        var text = RequestBody.Required(item.Status, "status");
        if (!RefundStatusTransitions.TryParse(text, out var status) || status is not (RefundStatus.Approved or RefundStatus.Rejected))
            throw new RuleViolation(ErrorCode.InvalidStatus, $"status is APPROVED (or CONFIRMED) or REJECTED; got '{text}'.");
        return new RefundDecision(refundId, status, item.Note);
    }

}
