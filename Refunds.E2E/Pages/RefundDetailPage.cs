using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Refunds.E2E.Pages;

/// <summary>One refund at /refunds/{id}: its details, the reviewer's Refund and Reject, the maker's Cancel, the timeline.</summary>
public sealed class RefundDetailPage(IPage page)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Name = "Refund of", Level = 1 });

    public ILocator RefundButton => page.GetByRole(AriaRole.Button, new() { Name = "Refund", Exact = true });

    public ILocator RejectButton => page.GetByRole(AriaRole.Button, new() { Name = "Reject", Exact = true });

    public ILocator CancelRefundButton => page.GetByRole(AriaRole.Button, new() { Name = "Cancel refund", Exact = true });

    /// <summary>The status as the details table words it, e.g. "With bank (PENDING_WITH_BANK)".</summary>
    public ILocator Status => Field("Status");

    public ILocator DecisionNote => Field("Decision note");

    public ILocator StillRefundable => Field("Still refundable");

    /// <summary>The confirmation dialog a decision opens.</summary>
    public ILocator DecisionDialog => page.GetByRole(AriaRole.Dialog);

    public static async Task<RefundDetailPage> OpenAsync(IPage page, Guid refundId)
    {
        await page.GotoAsync($"/refunds/{refundId}");
        var detail = new RefundDetailPage(page);
        await Expect(detail.Heading).ToBeVisibleAsync();
        await Blazor.UntilInteractiveAsync(page);
        return detail;
    }

    /// <summary>The value beside a row heading of the refund or payment table, e.g. "Reference number".</summary>
    public ILocator Field(string name) =>
        page.GetByRole(AriaRole.Row)
            .Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = name, Exact = true }) })
            .GetByRole(AriaRole.Cell);

    /// <summary>Refund, then confirm in the dialog.</summary>
    public async Task ApproveAsync()
    {
        await RefundButton.ClickAsync();
        await Expect(DecisionDialog).ToBeVisibleAsync();
        await ConfirmAsync("Refund");
    }

    /// <summary>Reject, give the reason, then confirm in the dialog.</summary>
    public async Task RejectAsync(string reason)
    {
        await RejectButton.ClickAsync();
        await DecisionDialog.GetByRole(AriaRole.Textbox, new() { Name = "Reason for rejecting" }).FillAsync(reason);
        await ConfirmAsync("Reject");
    }

    private async Task ConfirmAsync(string button)
    {
        await DecisionDialog.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();
        await Expect(DecisionDialog).ToBeHiddenAsync();
    }
}
