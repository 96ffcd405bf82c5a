using System.Net;
using System.Net.Http.Json;
using Refunds.Dashboard.Tests.Support;

namespace Refunds.Dashboard.Tests.Dashboard.Exports;

public class RefundExportTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task A_signed_in_operator_downloads_the_filtered_refunds_with_maker_and_checker_and_formulas_defused()
    {
        var payment = await api.PaymentAsync(100m);
        var created = await (await api.Maker()).PostAsJsonAsync("/payouts/refunds", new[]
        {
            new { payment_id = payment, amount = 12.5m, currency = "AED", reason_code = "CUSTOMER_REQUEST", description = "=HYPERLINK(\"http://evil\")" },
        });
        var refund = (await ApiFactory.Json(created))[0]!["refund_id"]!.GetValue<Guid>();
        await (await api.Checker()).PutAsJsonAsync("/payouts/refunds", new[] { new { refund_id = refund, status = "REJECTED", note = "No" } });
        var browser = new BrowserSession(api);
        await browser.SignInAsync("viewer");

        var response = await browser.Http.GetAsync($"/exports/refunds.csv?status=REJECTED&q={refund}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("refund_id,created_at,payment_id,amount,currency,reason_code,status,description", lines[0]);
        Assert.Contains("maker_name", lines[0]);
        Assert.Contains("checker_name", lines[0]);
        Assert.Contains("bank_reference,failure_reason", lines[0]);
        Assert.StartsWith($"{refund},", lines[1]);
        Assert.Contains(",12.50,AED,CUSTOMER_REQUEST,REJECTED,\"'=HYPERLINK(\"\"http://evil\"\")\",", lines[1]);
        Assert.Contains("integration-checker", lines[1]);
    }

    [Fact]
    public async Task Without_a_session_the_export_sends_the_browser_to_sign_in()
    {
        var browser = new BrowserSession(api);

        var response = await browser.Http.GetAsync("/exports/refunds.csv");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/authentication/login", response.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task An_unreadable_filter_is_a_400_that_names_it()
    {
        var browser = new BrowserSession(api);
        await browser.SignInAsync("viewer");

        var response = await browser.Http.GetAsync("/exports/refunds.csv?from=yesterday");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("from", await response.Content.ReadAsStringAsync());
    }
}
