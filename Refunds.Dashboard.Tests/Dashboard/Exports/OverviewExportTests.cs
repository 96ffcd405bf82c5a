using System.Net;
using Refunds.Dashboard.Tests.Support;

namespace Refunds.Dashboard.Tests.Dashboard.Exports;

/// <summary>Each test works in a currency of its own, so the shared database's other refunds never count.</summary>
public class OverviewExportTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static readonly string Today = DateTime.UtcNow.ToString("yyyy-MM-dd");
    private static readonly string Tomorrow = DateTime.UtcNow.AddDays(1).ToString("yyyy-MM-dd");

    [Fact]
    public async Task A_signed_in_operator_downloads_the_daily_series_with_a_count_and_an_amount_per_status()
    {
        var payment = await api.PaymentAsync(100m, "EGP");
        await api.RefundAsync(payment, 10m, currency: "EGP");
        var approved = await api.RefundAsync(payment, 20m, currency: "EGP");
        await api.ApproveAsync(approved);
        var browser = new BrowserSession(api);
        await browser.SignInAsync("viewer");

        var response = await browser.Http.GetAsync($"/exports/overview-daily.csv?from={Today}&to={Tomorrow}&currency=EGP");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["date,currency,created_count,created_amount,approved_count,approved_amount,rejected_count,rejected_amount,"
            + "pending_with_bank_count,pending_with_bank_amount,accepted_by_bank_count,accepted_by_bank_amount,failed_count,failed_amount,"
            + "cancelled_count,cancelled_amount", $"{Today},EGP,1,10.00,1,20.00,0,0.00,0,0.00,0,0.00,0,0.00,0,0.00"], lines);
    }

    [Fact]
    public async Task A_period_that_cannot_be_read_is_a_400()
    {
        var browser = new BrowserSession(api);
        await browser.SignInAsync("viewer");

        var response = await browser.Http.GetAsync($"/exports/overview-daily.csv?from={Today}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("to is required", await response.Content.ReadAsStringAsync());
    }
}
