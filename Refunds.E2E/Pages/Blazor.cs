using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Refunds.E2E.Pages;

/// <summary>
/// The dashboard is prerendered: its buttons show before the circuit is connected and do nothing
/// when clicked until it is. The layout marks itself once it has rendered interactively.
/// </summary>
public static class Blazor
{
    public static Task UntilInteractiveAsync(IPage page) =>
        Expect(page.Locator("[data-interactive=true]")).ToBeAttachedAsync(new() { Timeout = 15_000 });
}
