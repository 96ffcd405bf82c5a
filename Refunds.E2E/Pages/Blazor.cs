using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Refunds.E2E.Pages;

/// <summary>What driving a Blazor Server page takes beyond plain clicks.</summary>
public static class Blazor
{
    /// <summary>
    /// The dashboard is prerendered: its buttons show before the circuit is connected and do nothing
    /// when clicked until it is. The layout marks itself once it has rendered interactively.
    /// </summary>
    public static Task UntilInteractiveAsync(IPage page) =>
        Expect(page.Locator("[data-interactive=true]")).ToBeAttachedAsync(new() { Timeout = 15_000 });

    /// <summary>
    /// Clicks <paramref name="button"/> until <paramref name="opens"/> shows. A click that lands while
    /// the circuit re-renders the button (a grid reloading after a search, a live update) reaches the
    /// server for a handler that no longer exists and is dropped; a person would simply click again.
    /// </summary>
    public static async Task ClickToOpenAsync(ILocator button, ILocator opens)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (!await opens.IsVisibleAsync()) await button.ClickAsync();
            try
            {
                await Expect(opens).ToBeVisibleAsync(new() { Timeout = 3_000 });
                return;
            }
            catch (PlaywrightException) when (attempt < 3)
            {
                // dropped: click again
            }
        }
    }
}
