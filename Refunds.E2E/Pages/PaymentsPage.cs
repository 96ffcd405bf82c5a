using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Refunds.E2E.Pages;

/// <summary>The Payments tab (the home page): search, the payments grid and each row's Refund action.</summary>
public sealed class PaymentsPage(IPage page)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Name = "Payments", Level = 1 });

    public ILocator Search => page.GetByRole(AriaRole.Textbox, new() { Name = "Search" });

    /// <summary>The payments grid, named by the page's heading.</summary>
    public ILocator Grid => page.GetByRole(AriaRole.Table, new() { Name = "Payments", Exact = true });

    /// <summary>Every Refund action on the page, offered or not (their names all start so).</summary>
    public ILocator RefundActions => Grid.GetByRole(AriaRole.Button, new() { Name = "Refund payment" });

    public static async Task<PaymentsPage> OpenAsync(IPage page)
    {
        await page.GotoAsync("/");
        var payments = new PaymentsPage(page);
        await Expect(payments.Heading).ToBeVisibleAsync();
        await Blazor.UntilInteractiveAsync(page);
        return payments;
    }

    /// <summary>Types into the search box and waits until the grid shows that payment and no other.</summary>
    public async Task SearchForAsync(string reference)
    {
        await Search.FillAsync(reference);
        await Expect(Row(reference)).ToBeVisibleAsync();
        // The search applies after a pause in typing; until then the grid still lists other payments.
        await Expect(DataRows.Filter(new() { HasNotText = reference })).ToHaveCountAsync(0);
    }

    /// <summary>The grid's payment rows (the header row has column headers, not cells).</summary>
    public ILocator DataRows => Grid.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Cell) });

    /// <summary>The grid row of the payment with this merchant reference (or any other text unique to it).</summary>
    public ILocator Row(string text) => Grid.GetByRole(AriaRole.Row).Filter(new() { HasText = text });

    /// <summary>The offered Refund action of a payment.</summary>
    public ILocator RefundAction(Guid paymentId) =>
        page.GetByRole(AriaRole.Button, new() { Name = $"Refund payment {paymentId}", Exact = true });

    /// <summary>The Refund action of a payment that may not be refunded; its name says why.</summary>
    public ILocator UnavailableRefundAction(Guid paymentId) =>
        page.GetByRole(AriaRole.Button, new() { Name = $"Refund payment {paymentId} is unavailable:" });

    public async Task<ConfirmRefundDialog> OpenConfirmRefundAsync(Guid paymentId)
    {
        var dialog = new ConfirmRefundDialog(page);
        await RefundAction(paymentId).ClickAsync();
        await Expect(dialog.Dialog).ToBeVisibleAsync();
        await Expect(dialog.InitiateButton).ToBeEnabledAsync();
        return dialog;
    }

    /// <summary>A row's cell under the column with this title (e.g. "Refundable").</summary>
    public async Task<ILocator> CellAsync(ILocator row, string column)
    {
        var titles = await Grid.GetByRole(AriaRole.Columnheader).AllInnerTextsAsync();
        var index = titles.ToList().FindIndex(t => t.Trim().StartsWith(column, StringComparison.Ordinal));
        if (index < 0) throw new InvalidOperationException($"No column {column}: {string.Join(", ", titles)}");
        return row.GetByRole(AriaRole.Cell).Nth(index);
    }
}
