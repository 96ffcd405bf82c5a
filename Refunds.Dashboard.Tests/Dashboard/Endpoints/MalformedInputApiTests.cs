using System.Net;
using Refunds.Dashboard.Tests.Support;
using static Refunds.Dashboard.Tests.Support.ApiFactory;

namespace Refunds.Dashboard.Tests.Dashboard.Endpoints;

/// <summary>Malformed bodies get a 400 in the error shape, never a 500, and write nothing.</summary>
public class MalformedInputApiTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string Payment = "{PAYMENT}";
    private const string Refund = "{REFUND}";

    public static TheoryData<string, string, string> Bodies() => new()
    {
        // POST /payouts/refunds
        { "POST", "/payouts/refunds", "" },
        { "POST", "/payouts/refunds", "{" },
        { "POST", "/payouts/refunds", "not json" },
        { "POST", "/payouts/refunds", "[]" },
        { "POST", "/payouts/refunds", "null" },
        { "POST", "/payouts/refunds", "42" },
        { "POST", "/payouts/refunds", "\"a string\"" },
        { "POST", "/payouts/refunds", "true" },
        { "POST", "/payouts/refunds", "[1, 2]" },
        { "POST", "/payouts/refunds", "[null]" },
        { "POST", "/payouts/refunds", "{}" },
        { "POST", "/payouts/refunds", "{\"amount\": 10, \"reason_code\": \"CUSTOMER_REQUEST\"}" },
        { "POST", "/payouts/refunds", $"{{\"payment_id\": \"{Payment}\", \"reason_code\": \"CUSTOMER_REQUEST\"}}" },
        { "POST", "/payouts/refunds", "{\"payment_id\": 123, \"amount\": 10, \"reason_code\": \"CUSTOMER_REQUEST\"}" },
        { "POST", "/payouts/refunds", "{\"payment_id\": \"not-a-uuid\", \"amount\": 10, \"reason_code\": \"CUSTOMER_REQUEST\"}" },
        { "POST", "/payouts/refunds", $"{{\"payment_id\": \"{Payment}\", \"amount\": \"10\", \"reason_code\": \"CUSTOMER_REQUEST\"}}" },
        { "POST", "/payouts/refunds", $"{{\"payment_id\": \"{Payment}\", \"amount\": [10], \"reason_code\": \"CUSTOMER_REQUEST\"}}" },
        { "POST", "/payouts/refunds", $"{{\"payment_id\": \"{Payment}\", \"amount\": 1e400, \"reason_code\": \"CUSTOMER_REQUEST\"}}" },
        { "POST", "/payouts/refunds", $"{{\"payment_id\": \"{Payment}\", \"amount\": 10, \"reason_code\": 7}}" },
        { "POST", "/payouts/refunds", $"{{\"payment_id\": \"{Payment}\", \"amount\": 10, \"reason_code\": \"CUSTOMER_REQUEST\", \"currency\": 784}}" },
        { "POST", "/payouts/refunds", $"{{\"payment_id\": \"{Payment}\", \"amount\": 10, \"reason_code\": \"CUSTOMER_REQUEST\", \"beneficiary\": \"John\"}}" },
        { "POST", "/payouts/refunds", $"{{\"payment_id\": \"{Payment}\", \"amount\": 10, \"reason_code\": \"CUSTOMER_REQUEST\", \"beneficiary\": {{\"iban\": 5}}}}" },
        { "POST", "/payouts/refunds", $"{{\"payment_id\": \"{Payment}\", \"amount\": 10, \"reason_code\": \"CUSTOMER_REQUEST\", \"status\": \"PAID\"}}" },
        { "POST", "/payouts/refunds", $"{{\"payment_id\": \"{Payment}\", \"amount\": 10, \"reason_code\": \"CUSTOMER_REQUEST\", \"status\": \"REJECTED\"}}" },
        { "POST", "/payouts/refunds", $"{{\"payment_id\": \"{Payment}\", \"amount\": 10, \"reason_code\": \"CUSTOMER_REQUEST\", \"description\": \"{new string('x', 501)}\"}}" },
        { "POST", "/payouts/refunds", $"{{\"payment_id\": \"{Payment}\", \"amount\": 10, \"reason_code\": \"CUSTOMER_REQUEST\", \"idempotency_key\": {{}}}}" },
        { "POST", "/payouts/refunds", $"{{\"payment_id\": \"{Payment}\", \"amount\": 10, \"reason_code\": \"CUSTOMER_REQUEST\",}}" },
        { "POST", "/payouts/refunds", "[" + string.Join(",", Enumerable.Repeat($"{{\"payment_id\": \"{Payment}\", \"amount\": 0.01, \"reason_code\": \"CUSTOMER_REQUEST\"}}", 1001)) + "]" },
        { "POST", "/payouts/refunds", new string('[', 100) + new string(']', 100) },
        // PUT /payouts/refunds
        { "PUT", "/payouts/refunds", "" },
        { "PUT", "/payouts/refunds", "[]" },
        { "PUT", "/payouts/refunds", "{\"refund_id\": \"nope\", \"status\": \"APPROVED\"}" },
        { "PUT", "/payouts/refunds", $"{{\"refund_id\": \"{Refund}\"}}" },
        { "PUT", "/payouts/refunds", $"{{\"refund_id\": \"{Refund}\", \"status\": \"MAYBE\"}}" },
        { "PUT", "/payouts/refunds", $"{{\"refund_id\": \"{Refund}\", \"status\": true}}" },
        { "PUT", "/payouts/refunds", $"{{\"refund_id\": \"{Refund}\", \"status\": \"APPROVED\", \"note\": 1}}" },
        // POST /payments and reconciliation
        { "POST", "/payments", "{\"payment_id\": \"x\"}" },
        { "POST", "/payments", "{\"payment_id\": \"3f2a0c55-8d47-4a57-a9d6-2c4e7f0b1d22\", \"amount\": 10, \"currency\": \"AED\"}" },
        { "POST", "/payments", "{\"payment_id\": \"3f2a0c55-8d47-4a57-a9d6-2c4e7f0b1d22\", \"amount\": 10, \"currency\": \"AED\", \"payer\": {\"name\": \"A\"}}" },
        { "POST", "/payments", "{\"payment_id\": \"3f2a0c55-8d47-4a57-a9d6-2c4e7f0b1d22\", \"amount\": 10, \"currency\": \"AED\", \"status\": \"NEW\", \"payer\": {\"name\": \"A\", \"iban\": \"AE070331234567890123456\"}}" },
        { "POST", $"/payments/{Payment}/reconciliation", "{}" },
        { "POST", $"/payments/{Payment}/reconciliation", "[]" },
        { "POST", $"/payments/{Payment}/reconciliation", "{\"statement_reference\": \"S\", \"statement_date\": \"someday\"}" },
        { "POST", "/payments/not-a-uuid/reconciliation", "{\"statement_reference\": \"S\"}" },
        { "POST", $"/payouts/refunds/{Refund}/cancel", "[1]" },
        { "POST", $"/payouts/refunds/{Refund}/cancel", "{\"note\": 5}" },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task A_malformed_body_is_a_400_in_the_error_shape_and_writes_nothing(string method, string path, string body)
    {
        var payment = await api.PaymentAsync(100m);
        var refund = await api.RefundAsync(payment, 1m);
        var client = await api.As("integration-both");
        var before = await api.RefundCountAsync();
        var request = new HttpRequestMessage(new HttpMethod(method), path.Replace(Payment, payment.ToString()).Replace(Refund, refund.ToString()))
        {
            Content = Raw(body.Replace(Payment, payment.ToString()).Replace(Refund, refund.ToString())),
        };

        var response = await client.SendAsync(request);

        var error = await Json(response);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {error.ToJsonString()}");
        Assert.Contains(error["status"]!.GetValue<string>(), new[] { "INVALID_REQUEST", "INVALID_STATUS", "INVALID_AMOUNT", "INVALID_IBAN" });
        Assert.NotNull(error["message"]);
        Assert.NotNull(error["timestamp"]);
        Assert.Equal(before, await api.RefundCountAsync());
        var state = await Json(await client.GetAsync($"/payouts/refunds/{refund}"));
        Assert.Equal("CREATED", state["refund"]!["status"]!.GetValue<string>());
        Assert.Equal(99m, (await Json(await client.GetAsync($"/payments/{payment}")))["payment"]!["refundable_amount"]!.GetValue<decimal>());
    }

    public static TheoryData<string, int, string, string> NamedFields() => new()
    {
        { $"{{\"payment_id\": \"{Payment}\", \"amount\": \"10\", \"reason_code\": \"CUSTOMER_REQUEST\"}}", 0, "INVALID_REQUEST", "amount must be a number, not a string." },
        { "{\"payment_id\": \"not-a-uuid\", \"amount\": 10, \"reason_code\": \"CUSTOMER_REQUEST\"}", 0, "INVALID_REQUEST", "payment_id must be a UUID; got 'not-a-uuid'." },
        { $"{{\"payment_id\": \"{Payment}\", \"amount\": 1e400, \"reason_code\": \"CUSTOMER_REQUEST\"}}", 0, "INVALID_AMOUNT", "amount is out of range." },
        { $"{{\"payment_id\": \"{Payment}\", \"reason_code\": \"CUSTOMER_REQUEST\"}}", 0, "INVALID_REQUEST", "amount is required." },
        { $"{{\"payment_id\": \"{Payment}\", \"amount\": 10, \"reason_code\": \"CUSTOMER_REQUEST\", \"beneficiary\": {{\"city\": 5}}}}", 0, "INVALID_REQUEST", "beneficiary.city must be a string, not a number." },
        { $"{{\"payment_id\": \"{Payment}\", \"amount\": 10, \"reason_code\": \"CUSTOMER_REQUEST\", \"description\": \"{new string('x', 501)}\"}}", 0, "INVALID_REQUEST", "description is longer than 500 characters." },
        { $"[{{\"payment_id\": \"{Payment}\", \"amount\": 1, \"reason_code\": \"CUSTOMER_REQUEST\"}}, 7]", 1, "INVALID_REQUEST", "Each item must be a JSON object." },
    };

    [Theory]
    [MemberData(nameof(NamedFields))]
    public async Task A_refused_item_is_listed_by_its_index_with_a_message_naming_the_field(string body, int index, string code, string message)
    {
        var payment = await api.PaymentAsync(100m);

        var response = await (await api.As("integration-both")).PostAsync("/payouts/refunds", Raw(body.Replace(Payment, payment.ToString())));

        var error = await AssertError(response, HttpStatusCode.BadRequest, code);
        var item = Assert.Single(error["errors"]!.AsArray())!;
        Assert.Equal((index, code, message), (item["index"]!.GetValue<int>(), item["status"]!.GetValue<string>(), item["message"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_refused_batch_lists_every_failing_item_by_its_index()
    {
        var payment = await api.PaymentAsync(100m);
        var good = $"{{\"payment_id\": \"{payment}\", \"amount\": 1, \"reason_code\": \"CUSTOMER_REQUEST\"}}";

        var response = await (await api.As("integration-both")).PostAsync("/payouts/refunds",
            Raw($"[{good}, {{\"payment_id\": 1}}, {good}, \"x\", {{\"amount\": 1, \"note\": \"?\"}}]"));

        var error = await AssertError(response, HttpStatusCode.BadRequest, "INVALID_REQUEST");
        Assert.Equal([1, 3, 4], error["errors"]!.AsArray().Select(e => e!["index"]!.GetValue<int>()));
    }
}
