using Microsoft.Playwright;

namespace Refunds.E2E.Pages;

/// <summary>The Overview tab: period and currency pickers, one row of figures per currency, one currency's charts.</summary>
public sealed class OverviewPage(IPage page)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Name = "Overview", Level = 1 });

    public ILocator Currency => page.GetByRole(AriaRole.Combobox, new() { Name = "Currency" });

    /// <summary>One figure (created, awaiting, approval-rate…) of one currency's row.</summary>
    public ILocator Figure(string currency, string figure) => page.Locator($"tr[data-currency={currency}] td[data-figure={figure}]");

    public ILocator DailyTable => page.Locator("#table-daily");

    public async Task ChooseCurrencyAsync(string code)
    {
        await Currency.ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = code, Exact = true }).ClickAsync();
    }
}
