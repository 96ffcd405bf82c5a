using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Refunds.E2E.Pages;

/// <summary>The Confirm Refund dialog opened from a payment's Refund action.</summary>
public sealed class ConfirmRefundDialog(IPage page)
{
    public ILocator Dialog => page.GetByRole(AriaRole.Dialog, new() { Name = "Confirm Refund" });

    // The label reads "Amount*" (required): not exact.
    public ILocator Amount => Dialog.GetByRole(AriaRole.Textbox, new() { Name = "Amount" });

    public ILocator Reason => Dialog.GetByRole(AriaRole.Combobox, new() { Name = "Reason" });

    public ILocator ReferenceNumber => Dialog.GetByRole(AriaRole.Textbox, new() { Name = "Reference number" });

    public ILocator Description => Dialog.GetByRole(AriaRole.Textbox, new() { Name = "Description" });

    public ILocator InitiateButton => Dialog.GetByRole(AriaRole.Button, new() { Name = "Initiate Refund" });

    /// <summary>The confirmation shown once the refund is created; it names the refund id.</summary>
    public ILocator Created => Dialog.GetByRole(AriaRole.Status);

    /// <summary>A refusal from the engine, shown beside the form.</summary>
    public ILocator Error => Dialog.GetByRole(AriaRole.Alert);

    public ILocator OpenRefundButton => Dialog.GetByRole(AriaRole.Button, new() { Name = "Open refund" });

    public ILocator DoneButton => Dialog.GetByRole(AriaRole.Button, new() { Name = "Done" });

    public ILocator CancelButton => Dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" });

    /// <summary>Picks a reason in the select by its visible text, e.g. "CUSTOMER_REQUEST".</summary>
    public async Task ChooseReasonAsync(string text)
    {
        await Reason.ClickAsync();
        var option = page.GetByRole(AriaRole.Option, new() { Name = text });
        await option.ClickAsync();
        // Until the server has closed the list, its overlay covers the dialog and may take the next click: the likely
        // cause of an Initiate Refund click CI lost twice.
        await Expect(option).ToBeHiddenAsync();
    }

    public async Task FillAsync(string amount, string reason, string? reference = null, string? description = null)
    {
        await Amount.FillAsync(amount);
        await ChooseReasonAsync(reason);
        if (reference is not null) await ReferenceNumber.FillAsync(reference);
        if (description is not null) await Description.FillAsync(description);
    }

    /// <summary>Initiate Refund, then the id of the refund the confirmation names.</summary>
    public async Task<Guid> InitiateAsync()
    {
        await InitiateButton.ClickAsync();
        await Expect(Created).ToContainTextAsync("Refund id");
        var id = Regex.Match(await Created.InnerTextAsync(), "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        return Guid.Parse(id.Value);
    }
}
