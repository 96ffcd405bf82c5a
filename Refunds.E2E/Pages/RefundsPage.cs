using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Refunds.E2E.Pages;

/// <summary>The Refunds tab: status filter, search, the refunds grid, the reviewers' bulk actions and the live payout queue.</summary>
public sealed class RefundsPage(IPage page)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Name = "Refunds", Level = 1 });

    public ILocator Search => page.GetByRole(AriaRole.Textbox, new() { Name = "Search" });

    /// <summary>The refunds grid, named by the page's heading.</summary>
    public ILocator Grid => page.GetByRole(AriaRole.Table, new() { Name = "Refunds", Exact = true });

    public ILocator RefundSelected => page.GetByRole(AriaRole.Button, new() { Name = "Refund selected" });

    public ILocator RejectSelected => page.GetByRole(AriaRole.Button, new() { Name = "Reject selected" });

    /// <summary>The row selection boxes reviewers decide in bulk with.</summary>
    public ILocator SelectionBoxes => Grid.GetByRole(AriaRole.Checkbox);

    /// <summary>The panel of refunds approved or with the bank, and those just finished; it moves by itself.</summary>
    public ILocator LiveQueue => page.GetByRole(AriaRole.Region, new() { Name = "Live payout queue" });

    public static async Task<RefundsPage> OpenAsync(IPage page)
    {
        await page.GotoAsync("/refunds");
        var refunds = new RefundsPage(page);
        await Expect(refunds.Heading).ToBeVisibleAsync();
        await Blazor.UntilInteractiveAsync(page);
        return refunds;
    }

    /// <summary>The grid row of a refund, found by its link.</summary>
    public ILocator Row(Guid refundId) =>
        Grid.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = $"Open refund {refundId}" }) });

    /// <summary>
    /// The live queue's row of a refund. Its link shows only the id's first block, which refunds made
    /// in the same minutes share (time-ordered ids); the full id is the link's title.
    /// </summary>
    public ILocator LiveQueueRow(Guid refundId) =>
        LiveQueue.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByTitle(refundId.ToString(), new() { Exact = true }) });

    public async Task<RefundDetailPage> OpenRefundAsync(Guid refundId)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = $"Open refund {refundId}" }).ClickAsync();
        var detail = new RefundDetailPage(page);
        await Expect(detail.Heading).ToBeVisibleAsync();
        return detail;
    }
}
