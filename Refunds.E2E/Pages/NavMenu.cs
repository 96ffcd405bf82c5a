using Microsoft.Playwright;

namespace Refunds.E2E.Pages;

/// <summary>The drawer's main navigation: the Overview, Payments, Refunds, Payout files, Statements and Webhooks tabs.</summary>
public sealed class NavMenu(IPage page)
{
    private ILocator Main => page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });

    public ILocator Overview => Main.GetByRole(AriaRole.Link, new() { Name = "Overview" });

    public ILocator Payments => Main.GetByRole(AriaRole.Link, new() { Name = "Payments" });

    // Not exact: a reviewer's tab also names the refunds awaiting their decision.
    public ILocator Refunds => Main.GetByRole(AriaRole.Link, new() { Name = "Refunds" });

    public ILocator PayoutFiles => Main.GetByRole(AriaRole.Link, new() { Name = "Payout files" });

    public ILocator Statements => Main.GetByRole(AriaRole.Link, new() { Name = "Statements" });

    public ILocator Webhooks => Main.GetByRole(AriaRole.Link, new() { Name = "Webhooks" });
}
