using System.Net;
using System.Net.Http.Json;
using Refunds.Dashboard.Tests.Support;
using static Refunds.Dashboard.Tests.Support.ApiFactory;

namespace Refunds.Dashboard.Tests.Dashboard.Endpoints;

public class PaymentApiTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static object Payment(Guid id, decimal amount = 100m) => new
    {
        payment_id = id, amount, currency = "SAR",
        payer = new { name = "Layla Nasser", iban = "SA0380000000608010167519", city = "Riyadh", bank = "Al Rajhi" },
        customer_id = "CUST-77", merchant_reference = "INV-9",
    };

    [Fact]
    public async Task Ingesting_the_same_payment_twice_gives_the_same_answer_and_other_content_a_409()
    {
        var id = Guid.NewGuid();
        var maker = await api.Maker();

        var first = await maker.PostAsJsonAsync("/payments", Payment(id));
        var again = await maker.PostAsJsonAsync("/payments", new[] { Payment(id) });
        var changed = await maker.PostAsJsonAsync("/payments", Payment(id, 101m));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal((await Json(first)).ToJsonString(), (await Json(again)).ToJsonString());
        await AssertError(changed, HttpStatusCode.Conflict, "PAYMENT_CONFLICT");
    }

    [Fact]
    public async Task Reconciliation_makes_a_payment_refundable()
    {
        var id = await api.PaymentAsync(reconciled: false);
        var maker = await api.Maker();
        await AssertError(await maker.PostAsJsonAsync("/payouts/refunds", new { payment_id = id, amount = 1m, reason_code = "CUSTOMER_REQUEST" }),
            HttpStatusCode.BadRequest, "PAYMENT_NOT_RECONCILED");

        var reconciled = await Json(await maker.PostAsJsonAsync($"/payments/{id}/reconciliation", new { statement_reference = "STMT-1", statement_date = "2026-11-20" }));

        Assert.Equal((true, "STMT-1", "2026-11-20T00:00:00Z"),
            (reconciled["reconciled"]!.GetValue<bool>(), reconciled["reconciliation_reference"]!.GetValue<string>(), reconciled["reconciled_at"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.Created, (await maker.PostAsJsonAsync("/payouts/refunds", new { payment_id = id, amount = 1m, reason_code = "CUSTOMER_REQUEST" })).StatusCode);
    }

    [Fact]
    public async Task Reconciling_an_unknown_payment_is_a_404()
    {
        await AssertError(await (await api.Maker()).PostAsJsonAsync($"/payments/{Guid.NewGuid()}/reconciliation", new { statement_reference = "S" }),
            HttpStatusCode.NotFound, "PAYMENT_NOT_FOUND");
    }

    [Fact]
    public async Task A_payment_shows_refunded_reserved_and_refundable_amounts_and_its_refunds()
    {
        var id = await api.PaymentAsync(100m);
        await api.RefundAsync(id, 30m);

        var detail = await Json(await (await api.Maker()).GetAsync($"/payments/{id}"));

        Assert.Equal((0m, 30m, 70m), (detail["payment"]!["refunded_amount"]!.GetValue<decimal>(), detail["payment"]!["reserved_amount"]!.GetValue<decimal>(),
            detail["payment"]!["refundable_amount"]!.GetValue<decimal>()));
        Assert.Equal("CREATED", detail["refunds"]![0]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_list_filters_by_reconciled_currency_customer_and_text()
    {
        var customer = $"CUST-{Guid.NewGuid():N}";
        var reconciled = await api.PaymentAsync(customerId: customer);
        var open = await api.PaymentAsync(reconciled: false, customerId: customer);
        var maker = await api.Maker();

        var all = await Json(await maker.GetAsync($"/payments?customer_id={customer}"));
        var onlyReconciled = await Json(await maker.GetAsync($"/payments?customer_id={customer}&reconciled=true"));
        var byText = await Json(await maker.GetAsync($"/payments?q={open.ToString("N")[..8]}"));
        var otherCurrency = await Json(await maker.GetAsync($"/payments?customer_id={customer}&currency=KWD"));

        Assert.Equal(2L, all["page"]!["total_elements"]!.GetValue<long>());
        Assert.Equal([reconciled], onlyReconciled["content"]!.AsArray().Select(p => p!["payment_id"]!.GetValue<Guid>()));
        Assert.Equal([open], byText["content"]!.AsArray().Select(p => p!["payment_id"]!.GetValue<Guid>()));
        Assert.Equal(0L, otherCurrency["page"]!["total_elements"]!.GetValue<long>());
    }

    [Fact]
    public async Task An_unknown_payment_is_a_404_and_reading_needs_payments_read()
    {
        await AssertError(await (await api.Maker()).GetAsync($"/payments/{Guid.NewGuid()}"), HttpStatusCode.NotFound, "PAYMENT_NOT_FOUND");
        await AssertError(await (await api.Checker()).GetAsync("/payments"), HttpStatusCode.Forbidden, "OPERATION_NOT_ALLOWED");
    }
}
