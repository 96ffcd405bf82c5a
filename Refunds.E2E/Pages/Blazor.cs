using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Refunds.E2E.Pages;

/// <summary>What driving a Blazor Server page takes beyond plain clicks.</summary>
public static class Blazor
{
    /// <summary>
    /// The dashboard is prerendered: until the circuit is connected its action buttons and search boxes
    /// are disabled. The layout marks itself once it has rendered interactively. Clicks are never
    /// retried: a click the dashboard dropped is a defect these tests must see.
    /// </summary>
    public static Task UntilInteractiveAsync(IPage page) =>
        Expect(page.Locator("[data-interactive=true]")).ToBeAttachedAsync(new() { Timeout = 15_000 });
}
