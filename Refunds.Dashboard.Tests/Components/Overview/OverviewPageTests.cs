using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;
using Refunds.Core.Refunds;
using Refunds.Dashboard.Components.Pages.Overview;
using Refunds.Dashboard.Tests.Support;

namespace Refunds.Dashboard.Tests.Components.Overview;

public class OverviewPageTests : DashboardTestContext
{
    public OverviewPageTests() =>
        // The page's "today" is the engine's: 20 November 2026, when the scene's refunds are made.
        Services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero)));

    private IRenderedComponent<OverviewPage> RenderPage()
    {
        RenderProviders();
        SignInAsViewer();
        var page = Render<OverviewPage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("#overview-figures")));
        return page;
    }

    private static string Figure(IRenderedComponent<OverviewPage> page, string currency, string figure) =>
        page.Find($"tr[data-currency={currency}] td[data-figure={figure}]").TextContent.Trim();

    /// <summary>AED: 10 awaiting approval, 20 approved; SAR: 5 awaiting approval.</summary>
    private async Task<(Refund Waiting, Refund Approved)> SceneAsync()
    {
        var aed = await Engine.PaymentAsync(100m);
        var waiting = await Engine.RefundAsync(aed, 10m);
        var approved = await Engine.RefundAsync(aed, 20m);
        await Engine.Refunds.DecideAsync(EngineHarness.Checker, [new RefundDecision(approved.Id, RefundStatus.Approved)]);
        await Engine.RefundAsync(await Engine.PaymentAsync(100m, "SAR"), 5m);
        return (waiting, approved);
    }

    private void ChooseCurrency(IRenderedComponent<OverviewPage> page, string code)
    {
        page.FindComponents<MudSelect<string>>().Single().Find("div.mud-input-control").MouseDown();
        Popovers.WaitForAssertion(() => Assert.NotEmpty(Popovers.FindAll(".mud-popover-provider .mud-list-item")));
        Popovers.FindAll(".mud-popover-provider .mud-list-item").Single(item => item.TextContent.Trim() == code).Click();
    }

    [Fact]
    public async Task All_currencies_show_one_row_each_and_never_add_amounts_across_them()
    {
        await SceneAsync();

        var page = RenderPage();

        Assert.Equal(["AED", "SAR"], page.FindAll("tr.overview-row").Select(r => r.GetAttribute("data-currency")));
        Assert.Equal(("2 · 30.00", "100 %"), (Figure(page, "AED", "created"), Figure(page, "AED", "approval-rate")));
        Assert.StartsWith("1 · 10.00", Figure(page, "AED", "awaiting"));
        Assert.EndsWith("oldest 2026-11-20 09:00 UTC", Figure(page, "AED", "awaiting"));
        Assert.Equal("1 · 5.00", Figure(page, "SAR", "created"));
        Assert.NotNull(page.Find("[data-testid=overview-choose-currency]"));
    }

    [Fact]
    public async Task One_currency_shows_its_charts_each_with_a_table_that_says_the_same()
    {
        await SceneAsync();
        var page = RenderPage();

        ChooseCurrency(page, "AED");

        page.WaitForAssertion(() => Assert.Single(page.FindAll("tr.overview-row")));
        Assert.Equal(4, page.FindAll("details > summary").Count);
        var today = page.FindAll("#table-daily tbody tr").Single(r => r.TextContent.Contains("2026-11-20"));
        // Awaiting approval, Approved, then the other statuses, in the lifecycle's order.
        Assert.Equal(["1", "1", "0", "0", "0", "0", "0"], today.QuerySelectorAll("td").Select(c => c.TextContent.Trim()));
        Assert.Contains("CUSTOMER_REQUEST", page.Find("#table-reasons").TextContent);
        Assert.Contains("30.00", page.Find("#table-reasons").TextContent);
        Assert.Equal("1", page.FindAll("#table-age tbody tr")[0].QuerySelectorAll("td")[0].TextContent.Trim());
        Assert.Contains("currency=AED", page.Find("#overview-export").GetAttribute("href"));
    }

    [Fact]
    public async Task A_refund_decided_elsewhere_moves_the_figures_without_a_reload()
    {
        var (waiting, _) = await SceneAsync();
        var page = RenderPage();
        Assert.StartsWith("1 · 10.00", Figure(page, "AED", "awaiting"));

        var decided = await Engine.Refunds.DecideAsync(EngineHarness.Checker, [new RefundDecision(waiting.Id, RefundStatus.Approved)]);
        // Decided through another engine instance: tell this app's notifier, as its unit of work would.
        Services.GetRequiredService<RefundStatusNotifier>().Publish(
            [new RefundStatusChanged(waiting.Id, waiting.PaymentId, RefundStatus.Approved, RefundStatus.Created, DateTimeOffset.UtcNow, null, "checker", decided[0].Amount)]);

        page.WaitForAssertion(() => Assert.StartsWith("0 · 0.00", Figure(page, "AED", "awaiting")));
        Assert.Equal("100 %", Figure(page, "AED", "approval-rate"));
    }

    [Fact]
    public void A_period_without_refunds_says_so()
    {
        var page = RenderPage();

        Assert.Contains("No refunds or payments in this period", page.Find("[data-testid=overview-empty]").TextContent);
    }

    [Fact]
    public void The_preset_periods_end_with_today_in_UTC()
    {
        var now = new DateTimeOffset(2026, 11, 20, 23, 30, 0, TimeSpan.FromHours(-5));

        var today = OverviewPeriods.Range(OverviewPeriod.Today, now);
        var week = OverviewPeriods.Range(OverviewPeriod.Last7Days, now);
        var custom = OverviewPeriods.Range(OverviewPeriod.Custom, now, new DateTime(2026, 11, 1), new DateTime(2026, 11, 3));

        // 23:30 at UTC−5 is already 21 November in UTC.
        Assert.Equal((Utc(2026, 11, 21), Utc(2026, 11, 22)), today);
        Assert.Equal((Utc(2026, 11, 15), Utc(2026, 11, 22)), week);
        Assert.Equal((Utc(2026, 11, 1), Utc(2026, 11, 4)), custom);
    }

    private static DateTimeOffset Utc(int year, int month, int day) => new(year, month, day, 0, 0, 0, TimeSpan.Zero);
}
