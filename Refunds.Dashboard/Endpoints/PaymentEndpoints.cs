using System.Security.Claims;
using Microsoft.Extensions.Options;
using Refunds.Core;
using Refunds.Core.Access;
using Refunds.Core.Payments;
using Refunds.Dashboard.Identity;

namespace Refunds.Dashboard.Endpoints;

/// <summary>How payments and their reconciliation reach the engine, and how integrations read them.</summary>
public static class PaymentEndpoints
{
    public static IEndpointRouteBuilder MapPaymentEndpoints(this IEndpointRouteBuilder app)
    {
        var payments = app.MapGroup("/payments").WithTags("Payments").AsApiSurface();

        payments.MapPost("", IngestPayments)
            .RequireAuthorization(PermissionPolicies.Api(Permission.WritePayments))
            .WithName("ingestPayments").WithSummary("Record payments from the payment system (idempotent by payment_id)")
            .Accepts<IReadOnlyList<IngestPaymentItem>>("application/json")
            .Produces<IReadOnlyList<PaymentJson>>(StatusCodes.Status201Created);
        payments.MapPost("/{paymentId}/reconciliation", ReconcilePayment)
            .RequireAuthorization(PermissionPolicies.Api(Permission.WritePayments))
            .WithName("reconcilePayment").WithSummary("Mark a payment reconciled against a bank statement line")
            .Accepts<ReconciliationBody>("application/json")
            .Produces<PaymentJson>();
        payments.MapGet("", ListPayments)
            .RequireAuthorization(PermissionPolicies.Api(Permission.ReadPayments))
            .WithName("listPayments").WithSummary("List payments, newest first, with refunded and refundable amounts")
            .Produces<PageJson<PaymentJson>>();
        payments.MapGet("/{paymentId}", GetPayment)
            .RequireAuthorization(PermissionPolicies.Api(Permission.ReadPayments))
            .WithName("getPayment").WithSummary("One payment with its refunds")
            .Produces<PaymentDetailJson>();
        return app;
    }

    /// <summary>An item of <c>POST /payments</c> (documentation; the body is read strictly by hand).</summary>
    public sealed record IngestPaymentItem(Guid PaymentId, decimal Amount, string Currency, string? Status, PayerJson Payer,
        string? CustomerId, string? MerchantReference, DateTimeOffset? CreatedAt);

    public sealed record ReconciliationBody(string StatementReference, DateTimeOffset? StatementDate);

    private static async Task<IResult> IngestPayments(HttpRequest request, ClaimsPrincipal user, ActorResolver actors, PaymentIntake intake,
        IOptions<RefundsOptions> options, CancellationToken cancellationToken)
    {
        var items = JsonBody.Items(await JsonBody.ReadAsync(request, cancellationToken), options.Value.MaxBatchSize, "payments");
        var payments = JsonBody.Map(items, ReadPayment);
        var recorded = await intake.IngestAsync(actors.Resolve(user), payments, cancellationToken);
        return TypedResults.Created((string?)null, recorded.Select(PaymentJson.From).ToList());
    }

    private static async Task<IResult> ReconcilePayment(string paymentId, HttpRequest request, ClaimsPrincipal user, ActorResolver actors,
        PaymentIntake intake, CancellationToken cancellationToken)
    {
        var id = PaymentId(paymentId);
        var body = new JsonBody.Fields(JsonBody.Object(await JsonBody.ReadAsync(request, cancellationToken)));
        var payment = await intake.ReconcileAsync(actors.Resolve(user), id, body.RequiredString("statement_reference", 128),
            body.Instant("statement_date"), cancellationToken);
        return TypedResults.Ok(PaymentJson.From(payment));
    }

    private static async Task<IResult> ListPayments(HttpRequest request, ClaimsPrincipal user, ActorResolver actors, PaymentQueries queries,
        CancellationToken cancellationToken)
    {
        var query = new QueryParameters(request.Query);
        var filter = new PaymentFilter(query.Bool("reconciled"), query.Text("currency", 3), query.Text("customer_id", 128),
            query.Instant("from"), query.Instant("to"), query.Text("q"));
        var page = await queries.ListAsync(actors.Resolve(user), filter, query.Int("page", 0), query.Int("size", PagedList<Payment>.DefaultSize), cancellationToken);
        return TypedResults.Ok(PageJson<PaymentJson>.From(page, PaymentJson.From));
    }

    private static async Task<IResult> GetPayment(string paymentId, ClaimsPrincipal user, ActorResolver actors, PaymentQueries queries,
        CancellationToken cancellationToken)
    {
        var id = PaymentId(paymentId);
        var found = await queries.FindAsync(actors.Resolve(user), id, cancellationToken)
            ?? throw new RuleViolation(ErrorCode.PaymentNotFound, $"Payment {id} does not exist.");
        return TypedResults.Ok(new PaymentDetailJson(PaymentJson.From(found.Payment), found.Refunds.Select(PaymentRefundJson.From).ToList()));
    }

    private static NewPayment ReadPayment(JsonBody.Fields item)
    {
        var id = item.RequiredGuid("payment_id");
        var amount = item.RequiredDecimal("amount");
        var currency = item.RequiredString("currency", 8);
        var status = item.String("status", 32) is { } text
            ? WireName.TryParse<PaymentStatus>(text, out var parsed)
                ? parsed
                : throw new RuleViolation(ErrorCode.InvalidStatus, $"status is one of {string.Join(", ", Enum.GetValues<PaymentStatus>().Select(WireName.Of))}; got '{text}'.")
            : PaymentStatus.AcceptedByBank;
        var payer = item.Object("payer") ?? throw new RuleViolation(ErrorCode.InvalidRequest, "payer is required: {name, iban, city, bank}.");
        return new NewPayment(id, amount, currency, status,
            new PayerAccount(payer.RequiredString("name", 140), payer.RequiredString("iban", 64), payer.String("city", 64), payer.String("bank", 140)),
            item.String("customer_id", 128), item.String("merchant_reference", 128) ?? item.String("charge_id", 128), item.Instant("created_at"));
    }

    private static Guid PaymentId(string text) =>
        Guid.TryParse(text, out var id) ? id : throw new RuleViolation(ErrorCode.InvalidRequest, $"'{text}' is not a payment id (a UUID).");
}
