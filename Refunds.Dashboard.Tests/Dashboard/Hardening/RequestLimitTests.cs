using System.Net;
using Refunds.Dashboard.Tests.Support;
using static Refunds.Dashboard.Tests.Support.ApiFactory;

namespace Refunds.Dashboard.Tests.Dashboard.Hardening;

public class RequestLimitTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task A_body_over_one_megabyte_gets_413_in_the_error_shape_and_writes_nothing()
    {
        var before = await api.RefundCountAsync();
        var huge = "[" + string.Join(",", Enumerable.Repeat($"{{\"payment_id\": \"{Guid.NewGuid()}\", \"amount\": 1, \"reason_code\": \"CUSTOMER_REQUEST\", \"description\": \"{new string('x', 400)}\"}}", 2500)) + "]";

        var response = await (await api.Maker()).PostAsync("/payouts/refunds", Raw(huge));

        await AssertError(response, HttpStatusCode.RequestEntityTooLarge, "PAYLOAD_TOO_LARGE");
        Assert.Equal(before, await api.RefundCountAsync());
    }

    [Fact]
    public async Task An_unknown_field_is_refused_with_INVALID_REQUEST_naming_it_and_writes_nothing()
    {
        var payment = await api.PaymentAsync();
        var before = await api.RefundCountAsync();

        var response = await (await api.Maker()).PostAsync("/payouts/refunds",
            Raw($"{{\"payment_id\": \"{payment}\", \"amount\": 1, \"reason_code\": \"CUSTOMER_REQUEST\", \"colour\": \"blue\"}}"));

        var error = await AssertError(response, HttpStatusCode.BadRequest, "INVALID_REQUEST");
        Assert.StartsWith("colour is not a field", error["errors"]![0]!["message"]!.GetValue<string>());
        Assert.Equal(before, await api.RefundCountAsync());
    }

    [Fact]
    public async Task A_misspelt_nested_field_is_refused_naming_its_path()
    {
        var payment = await api.PaymentAsync();

        var response = await (await api.Maker()).PostAsync("/payouts/refunds",
            Raw($"{{\"payment_id\": \"{payment}\", \"amount\": 1, \"reason_code\": \"CUSTOMER_REQUEST\", \"beneficiary\": {{\"ibna\": \"AE070331234567890123456\"}}}}"));

        var error = await AssertError(response, HttpStatusCode.BadRequest, "INVALID_REQUEST");
        Assert.StartsWith("beneficiary.ibna is not a field", error["errors"]![0]!["message"]!.GetValue<string>());
    }
}
