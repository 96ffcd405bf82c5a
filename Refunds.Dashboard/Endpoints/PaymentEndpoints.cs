using System.ComponentModel.DataAnnotations;
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

    /// <summary>An item of <c>POST /payments</c>; <c>charge_id</c> is another name for <c>merchant_reference</c>.</summary>
    public sealed record IngestPaymentItem(
        [property: Required] Guid? PaymentId,
        [property: Required] decimal? Amount,
        [property: Required] string? Currency,
        [property: AllowedValues("PENDING_WITH_BANK", "ACCEPTED_BY_BANK", "FAILED")] string? Status,
        [property: Required] PayerAccountBody? Payer,
        [property: MaxLength(InputLimits.CustomerId)] string? CustomerId,
        [property: MaxLength(InputLimits.MerchantReference)] string? MerchantReference,
        [property: MaxLength(InputLimits.MerchantReference)] string? ChargeId,
        DateTimeOffset? CreatedAt);

    /// <summary>The account a payment came from, and refunds go back to.</summary>
    public sealed record PayerAccountBody(
        [property: Required, MaxLength(InputLimits.AccountName)] string? Name,
        [property: Required] string? Iban,
        [property: MaxLength(InputLimits.City)] string? City,
        [property: MaxLength(InputLimits.BankName)] string? Bank);

    public sealed record ReconciliationBody(
        [property: Required, MaxLength(InputLimits.StatementReference)] string? StatementReference,
        DateTimeOffset? StatementDate);

    private static async Task<IResult> IngestPayments(HttpRequest request, CallingActor caller, PaymentIntake intake,
        CancellationToken cancellationToken)
    {
        var payments = await RequestBody.ItemsAsync(request, LeanApiJsonContext.Default.IngestPaymentItem, ToNewPayment, cancellationToken);
        var recorded = await intake.IngestAsync(caller.Actor, payments, cancellationToken);
        return TypedResults.Created((string?)null, recorded.Select(PaymentJson.From).ToList());
    }

    private static async Task<IResult> ReconcilePayment(string paymentId, HttpRequest request, CallingActor caller,
        PaymentIntake intake, CancellationToken cancellationToken)
    {
        var id = RouteId.Of(paymentId, "payment");
        var body = await RequestBody.ObjectAsync(request, LeanApiJsonContext.Default.ReconciliationBody, cancellationToken);
        var payment = await intake.ReconcileAsync(caller.Actor, id, RequestBody.Required(body.StatementReference, "statement_reference"),
            body.StatementDate, cancellationToken);
        return TypedResults.Ok(PaymentJson.From(payment));
    }

    private static async Task<IResult> ListPayments(HttpRequest request, CallingActor caller, PaymentQueries queries,
        CancellationToken cancellationToken)
    {
        var query = new QueryParameters(request.Query);
        var filter = new PaymentFilter(query.Bool("reconciled"), query.Text("currency", 3), query.Text("customer_id", InputLimits.CustomerId),
            query.Instant("from"), query.Instant("to"), query.Text("q"));
        var page = await queries.ListAsync(caller.Actor, filter, query.Int("page", 0), query.Int("size", PagedList<Payment>.DefaultSize), cancellationToken);
        return TypedResults.Ok(PageJson<PaymentJson>.From(page, PaymentJson.From));
    }

    private static async Task<IResult> GetPayment(string paymentId, CallingActor caller, PaymentQueries queries,
        CancellationToken cancellationToken)
    {
        var id = RouteId.Of(paymentId, "payment");
        var found = await queries.FindAsync(caller.Actor, id, cancellationToken)
            ?? throw new RuleViolation(ErrorCode.PaymentNotFound, $"Payment {id} does not exist.");
        return TypedResults.Ok(new PaymentDetailJson(PaymentJson.From(found.Payment), found.Refunds.Select(PaymentRefundJson.From).ToList()));
    }

    private static NewPayment ToNewPayment(IngestPaymentItem item)
    {
        var id = RequestBody.Required(item.PaymentId, "payment_id");
        var amount = RequestBody.Required(item.Amount, "amount");
        var currency = RequestBody.Required(item.Currency, "currency");
        var status = item.Status is { } text
            ? WireName.TryParse<PaymentStatus>(text, out var parsed)
                ? parsed
                : throw new RuleViolation(ErrorCode.InvalidStatus, $"status is one of {string.Join(", ", Enum.GetValues<PaymentStatus>().Select(WireName.Of))}; got '{text}'.")
            : PaymentStatus.AcceptedByBank;
        var payer = item.Payer ?? throw new RuleViolation(ErrorCode.InvalidRequest, "payer is required: {name, iban, city, bank}.");
        return new NewPayment(id, amount, currency, status,
            new PayerAccount(RequestBody.Required(payer.Name, "name"), RequestBody.Required(payer.Iban, "iban"), payer.City, payer.Bank),
            item.CustomerId, item.MerchantReference ?? item.ChargeId, item.CreatedAt);
    }

}
