using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Refunds.E2E.Pages;

/// <summary>One import at /bank-statements/{id}: its summary, the result chips, the lines and their Match actions.</summary>
public sealed class StatementImportPage(IPage page)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Name = "Statement", Level = 1 });

    public ILocator Lines => page.GetByRole(AriaRole.Table, new() { Name = "Lines of statement" });

    public ILocator LinesEmpty => page.GetByTestId("lines-empty");

    /// <summary>The chip that shows the lines of one result, e.g. "Unmatched" (it reads "Unmatched (1)").</summary>
    public ILocator Filter(string result) =>
        page.GetByRole(AriaRole.Group, new() { Name = "Show lines of one result" }).GetByRole(AriaRole.Button, new() { NameRegex = new Regex($"^{result} \\(") });

    public ILocator Line(int number) => Lines.Locator($"tr[data-line-number='{number}']");

    public ILocator MatchByHand(int line) => page.GetByRole(AriaRole.Button, new() { Name = $"Match line {line} to a payment", Exact = true });

    /// <summary>The dialog listing the payments a line could be matched to.</summary>
    public ILocator PickDialog(int line) => page.GetByRole(AriaRole.Dialog, new() { Name = $"Match line {line}", Exact = true });

    public ILocator Pick(int line, string paymentReference) =>
        PickDialog(line).GetByRole(AriaRole.Button, new() { Name = $"Pick payment {paymentReference}", Exact = true });

    /// <summary>The confirmation every match asks for.</summary>
    public ILocator ConfirmDialog => page.GetByRole(AriaRole.Dialog, new() { Name = "Match statement line" });

    public ILocator ConfirmNote => ConfirmDialog.GetByRole(AriaRole.Textbox);

    public ILocator ConfirmMatch => ConfirmDialog.GetByRole(AriaRole.Button, new() { Name = "Match", Exact = true });
}
