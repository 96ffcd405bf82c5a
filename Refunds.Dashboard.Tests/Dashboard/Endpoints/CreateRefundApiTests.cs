using System.Net;
using System.Net.Http.Json;
using Refunds.Dashboard.Tests.Support;
using static Refunds.Dashboard.Tests.Support.ApiFactory;

namespace Refunds.Dashboard.Tests.Dashboard.Endpoints;

public class CreateRefundApiTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task A_single_object_body_creates_one_refund_and_answers_with_an_array()
    {
        var payment = await api.PaymentAsync(100m);

        var response = await (await api.Maker()).PostAsJsonAsync("/payouts/refunds", new
        {
            payment_id = payment, amount = 25.5m, currency = "AED", reason_code = "CUSTOMER_REQUEST",
            description = "Customer requested refund", external_reference = "REF123",
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var refund = (await Json(response))[0]!;
        Assert.Equal(("CREATED", 25.5m, "AED", "integration-maker"),
            (refund["status"]!.GetValue<string>(), refund["amount"]!.GetValue<decimal>(), refund["currency"]!.GetValue<string>(), refund["created_by"]!.GetValue<string>()));
        Assert.Equal(("REF123", 100m), (refund["external_reference"]!.GetValue<string>(), refund["deposit_amount"]!.GetValue<decimal>()));
        Assert.Equal(("Ahmed Haddad", EngineHarness.ValidIban, "Abu Dhabi"),
            (refund["beneficiary"]!["name"]!.GetValue<string>(), refund["beneficiary"]!["iban"]!.GetValue<string>(), refund["beneficiary"]!["city"]!.GetValue<string>()));
        Assert.Equal($"/payouts/refunds/{refund["refund_id"]}", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task The_seed_guides_array_body_creates_every_refund()
    {
        var first = await api.PaymentAsync();
        var second = await api.PaymentAsync();

        var response = await (await api.Maker()).PostAsJsonAsync("/payouts/refunds", new[]
        {
            new { payment_id = first, amount = 10m, reason_code = "CUSTOMER_REQUEST" },
            new { payment_id = second, amount = 20m, reason_code = "ORDER_CANCELLED" },
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal([first, second], (await Json(response)).AsArray().Select(r => r!["payment_id"]!.GetValue<Guid>()));
    }

    public static TheoryData<string, HttpStatusCode, string> RuleBreaks() => new()
    {
        { "unknown payment", HttpStatusCode.NotFound, "PAYMENT_NOT_FOUND" },
        { "unreconciled", HttpStatusCode.BadRequest, "PAYMENT_NOT_RECONCILED" },
        { "three decimals", HttpStatusCode.BadRequest, "INVALID_AMOUNT" },
        { "zero", HttpStatusCode.BadRequest, "INVALID_AMOUNT" },
        { "too much", HttpStatusCode.BadRequest, "AMOUNT_EXCEEDS_REFUNDABLE" },
        { "other currency", HttpStatusCode.BadRequest, "CURRENCY_MISMATCH" },
        { "unknown reason", HttpStatusCode.BadRequest, "INVALID_REASON_CODE" },
        { "no reason", HttpStatusCode.BadRequest, "INVALID_REASON_CODE" },
        { "bad iban", HttpStatusCode.BadRequest, "INVALID_IBAN" },
        { "created approved", HttpStatusCode.Forbidden, "MAKER_CHECKER_VIOLATION" },
        { "unknown status", HttpStatusCode.BadRequest, "INVALID_STATUS" },
    };

    [Theory]
    [MemberData(nameof(RuleBreaks))]
    public async Task A_refund_that_breaks_a_rule_is_refused_with_its_code_and_nothing_is_written(string breaks, HttpStatusCode status, string code)
    {
        var payment = await api.PaymentAsync(100m, reconciled: breaks != "unreconciled");
        var item = new Dictionary<string, object?>
        {
            ["payment_id"] = breaks == "unknown payment" ? Guid.NewGuid() : payment,
            ["amount"] = breaks switch { "three decimals" => 1.005m, "zero" => 0m, "too much" => 100.01m, _ => 10m },
            ["currency"] = breaks == "other currency" ? "SAR" : "AED",
            ["reason_code"] = breaks switch { "unknown reason" => "BECAUSE", "no reason" => null, _ => "CUSTOMER_REQUEST" },
            ["beneficiary"] = breaks == "bad iban" ? new { name = "John Doe", iban = "AE123456789", city = "Dubai" } : null,
            ["status"] = breaks switch { "created approved" => "APPROVED", "unknown status" => "PAID", _ => null },
        };
        var before = await api.RefundCountAsync();

        var response = await (await api.As("integration-both")).PostAsJsonAsync("/payouts/refunds", new[] { item });

        var body = await AssertError(response, status, code);
        Assert.Equal(0, body["errors"]![0]!["index"]!.GetValue<int>());
        Assert.Equal(before, await api.RefundCountAsync());
    }

    [Fact]
    public async Task A_fully_refunded_payment_is_refused_with_PAYMENT_FULLY_REFUNDED()
    {
        var payment = await api.PaymentAsync(10m);
        await api.RefundAsync(payment, 10m);

        var response = await (await api.Maker()).PostAsJsonAsync("/payouts/refunds", new { payment_id = payment, amount = 1m, reason_code = "CUSTOMER_REQUEST" });

        await AssertError(response, HttpStatusCode.BadRequest, "PAYMENT_FULLY_REFUNDED");
    }

    [Fact]
    public async Task A_batch_with_bad_items_writes_nothing_and_lists_each_bad_item()
    {
        var payment = await api.PaymentAsync(100m);
        var before = await api.RefundCountAsync();

        var response = await (await api.Maker()).PostAsync("/payouts/refunds", Raw(Serialize(new object[]
        {
            new { payment_id = payment, amount = 10m, reason_code = "CUSTOMER_REQUEST" },
            new { payment_id = payment, amount = "ten", reason_code = "CUSTOMER_REQUEST" },
            new { payment_id = payment, amount = 10m, reason_code = "CUSTOMER_REQUEST" },
            new { payment_id = "not-a-uuid", amount = 10m, reason_code = "CUSTOMER_REQUEST" },
        })));

        var body = await AssertError(response, HttpStatusCode.BadRequest, "INVALID_REQUEST");
        Assert.Equal([1, 3], body["errors"]!.AsArray().Select(e => e!["index"]!.GetValue<int>()));
        Assert.Equal(before, await api.RefundCountAsync());
    }

    [Fact]
    public async Task A_batch_that_passes_validation_but_breaks_an_engine_rule_writes_nothing()
    {
        var payment = await api.PaymentAsync(100m);
        var before = await api.RefundCountAsync();

        var response = await (await api.Maker()).PostAsJsonAsync("/payouts/refunds", new[]
        {
            new { payment_id = payment, amount = 60m, reason_code = "CUSTOMER_REQUEST" },
            new { payment_id = payment, amount = 60m, reason_code = "CUSTOMER_REQUEST" },
        });

        var body = await AssertError(response, HttpStatusCode.BadRequest, "AMOUNT_EXCEEDS_REFUNDABLE");
        Assert.Equal(1, body["errors"]![0]!["index"]!.GetValue<int>());
        Assert.Equal(before, await api.RefundCountAsync());
    }

    [Fact]
    public async Task Replaying_an_idempotency_key_returns_the_original_refund_and_writes_nothing()
    {
        var payment = await api.PaymentAsync(100m);
        var item = new { payment_id = payment, amount = 10m, reason_code = "CUSTOMER_REQUEST", idempotency_key = $"order-{payment:N}" };
        var first = await Json(await (await api.Maker()).PostAsJsonAsync("/payouts/refunds", new[] { item }));
        var before = await api.RefundCountAsync();

        var replay = await (await api.Maker()).PostAsJsonAsync("/payouts/refunds", new[] { item });

        Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
        Assert.Equal(first[0]!["refund_id"]!.GetValue<Guid>(), (await Json(replay))[0]!["refund_id"]!.GetValue<Guid>());
        Assert.Equal(before, await api.RefundCountAsync());
    }

    [Fact]
    public async Task The_Idempotency_Key_header_works_like_the_body_field_and_a_reuse_for_other_content_is_409()
    {
        var payment = await api.PaymentAsync(100m);
        var maker = await api.Maker();
        var key = $"hdr-{payment:N}";
        HttpRequestMessage Request(decimal amount)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/payouts/refunds") { Content = JsonContent.Create(new { payment_id = payment, amount, reason_code = "CUSTOMER_REQUEST" }) };
            request.Headers.Add("Idempotency-Key", key);
            return request;
        }

        var first = await Json(await maker.SendAsync(Request(10m)));
        var replay = await Json(await maker.SendAsync(Request(10m)));
        var reuse = await maker.SendAsync(Request(11m));

        Assert.Equal(first[0]!["refund_id"]!.GetValue<Guid>(), replay[0]!["refund_id"]!.GetValue<Guid>());
        await AssertError(reuse, HttpStatusCode.Conflict, "IDEMPOTENCY_KEY_REUSED");
    }

    [Fact]
    public async Task Creating_needs_the_refunds_write_scope()
    {
        var payment = await api.PaymentAsync();

        var response = await (await api.Checker()).PostAsJsonAsync("/payouts/refunds", new { payment_id = payment, amount = 1m, reason_code = "CUSTOMER_REQUEST" });

        var body = await AssertError(response, HttpStatusCode.Forbidden, "OPERATION_NOT_ALLOWED");
        Assert.Contains("refunds:write", body["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task No_token_gets_401_in_the_error_shape()
    {
        var response = await api.CreateClient().PostAsJsonAsync("/payouts/refunds", new { });

        await AssertError(response, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Fact]
    public async Task A_body_that_is_not_json_content_gets_415_in_the_error_shape()
    {
        var response = await (await api.Maker()).PostAsync("/payouts/refunds", Raw("payment_id=1", "application/x-www-form-urlencoded"));

        await AssertError(response, HttpStatusCode.UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE");
    }
}

public class PayoutsNotConfiguredApiTests(PayoutsNotConfiguredApiTests.Factory api) : IClassFixture<PayoutsNotConfiguredApiTests.Factory>
{
    public sealed class Factory : ApiFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings => [new("Refunds:PayoutsConfigured", "false")];
    }

    [Fact]
    public async Task Creating_is_refused_with_403_OPERATION_NOT_ALLOWED_when_payouts_are_not_configured()
    {
        var payment = await api.PaymentAsync();

        var response = await (await api.Maker()).PostAsJsonAsync("/payouts/refunds", new[] { new { payment_id = payment, amount = 1m, reason_code = "CUSTOMER_REQUEST" } });

        var body = await AssertError(response, HttpStatusCode.Forbidden, "OPERATION_NOT_ALLOWED");
        Assert.Equal("Operation Not Allowed, payouts not configured", body["message"]!.GetValue<string>());
    }
}
