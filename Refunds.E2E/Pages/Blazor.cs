using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Refunds.E2E.Pages;

/// <summary>What driving a Blazor Server page takes beyond plain clicks.</summary>
public static class Blazor
{
    private const int Attempts = 3;
    private const float AttemptTimeout = 5_000;

    /// <summary>
    /// The dashboard is prerendered: its buttons show before the circuit is connected and do nothing
    /// when clicked until it is. The layout marks itself once it has rendered interactively.
    /// </summary>
    public static Task UntilInteractiveAsync(IPage page) =>
        Expect(page.Locator("[data-interactive=true]")).ToBeAttachedAsync(new() { Timeout = 15_000 });

    /// <summary>Clicks <paramref name="button"/> until <paramref name="opens"/> shows.</summary>
    public static Task ClickToOpenAsync(ILocator button, ILocator opens) =>
        ClickUntilAsync(button, () => Expect(opens).ToBeVisibleAsync(new() { Timeout = AttemptTimeout }));

    /// <summary>
    /// Clicks <paramref name="button"/> until <paramref name="outcome"/> (an Expect) holds, at most three
    /// times. A click that lands while the circuit re-renders the button (a grid reloading after a
    /// search, a popover closing, a live update) names an event handler the server has just replaced,
    /// and the server drops it; a person would simply click again. Clicking again is safe: a button
    /// whose click did arrive is gone, disabled or renamed while it works, so the retry finds nothing to click.
    /// </summary>
    public static async Task ClickUntilAsync(ILocator button, Func<Task> outcome)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await button.ClickAsync(new() { Timeout = AttemptTimeout });
            }
            catch (TimeoutException) when (attempt > 1)
            {
                // The earlier click did arrive: the button is gone or busy.
            }
            try
            {
                await outcome();
                return;
            }
            catch (PlaywrightException) when (attempt < Attempts)
            {
                // dropped: click again
            }
        }
    }
}
