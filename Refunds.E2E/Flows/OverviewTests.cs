using Refunds.E2E.Harness;
using Refunds.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace Refunds.E2E.Flows;

public class OverviewTests(E2EApp app) : IClassFixture<E2EApp>
{
    [Fact]
    public async Task The_overview_shows_the_periods_figures_and_a_refund_approved_elsewhere_moves_them_live()
    {
        using var maker = await RefundsApi.SignInAsync(app.BaseAddress, "integration-maker");
        using var checker = await RefundsApi.SignInAsync(app.BaseAddress, "integration-checker");
        // A currency of its own: nothing else in the database counts in its row.
        var payment = await maker.SeedPaymentAsync(100m, reconciled: true, currency: "BHD");
        var created = await maker.SendAsync(HttpMethod.Post, "/payouts/refunds",
            new[] { new { payment_id = payment.Id, amount = 10m, currency = "BHD", reason_code = "CUSTOMER_REQUEST" } });
        var refundId = Guid.Parse(created[0]!["refund_id"]!.GetValue<string>());
        var page = await SignInPage.SignInAsync(await app.NewPageAsync(), "viewer");

        await new NavMenu(page).Overview.ClickAsync();
        var overview = new OverviewPage(page);
        await Expect(overview.Heading).ToBeVisibleAsync();
        await Expect(overview.Figure("BHD", "created")).ToHaveTextAsync("1 · 10.000");
        await Expect(overview.Figure("BHD", "awaiting")).ToContainTextAsync("1 · 10.000");
        await Expect(overview.Figure("BHD", "approval-rate")).ToHaveTextAsync("—");
        await checker.SendAsync(HttpMethod.Put, "/payouts/refunds", new[] { new { refund_id = refundId, status = "APPROVED" } });

        await Expect(overview.Figure("BHD", "awaiting")).ToContainTextAsync("0 · 0.000");
        await Expect(overview.Figure("BHD", "approval-rate")).ToHaveTextAsync("100 %");
        await Expect(overview.Figure("BHD", "created")).ToHaveTextAsync("1 · 10.000");
        await overview.ChooseCurrencyAsync("BHD");
        await Expect(overview.DailyTable).ToBeAttachedAsync();
        await E2EApp.ScreenshotAsync(page, "overview");
        Assert.True(app.CspViolations.Count == 0, string.Join("\n", app.CspViolations));
    }
}
