using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Refunds.E2E.Pages;

/// <summary>The Payout files tab at /bank-files: Create payout file, the files with their actions, uploading a status report.</summary>
public sealed class PayoutFilesPage(IPage page)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Name = "Payout files", Level = 1 });

    public ILocator CreateFile => page.GetByRole(AriaRole.Button, new() { Name = "Create payout file" });

    public ILocator UploadReport => page.GetByRole(AriaRole.Button, new() { Name = "Upload a status report…" });

    public ILocator ReportCounts => page.GetByTestId("report-counts");

    public ILocator Rows => page.GetByTestId("file-row");

    public ILocator Row(string messageId) => Rows.Filter(new() { HasText = messageId });

    public ILocator FirstRow => Rows.First;

    public ILocator Status(ILocator row) => row.GetByTestId("file-status");

    public ILocator Download(ILocator row) => row.GetByRole(AriaRole.Link, new() { Name = "Download" });

    /// <summary>The status report's file, set on the picker's input once Blazor has set it up (see <see cref="StatementsPage.UploadAsync"/>).</summary>
    public async Task UploadReportAsync(string path)
    {
        await Expect(UploadReport).ToBeEnabledAsync();
        var input = page.Locator("input[type=file]");
        await page.WaitForFunctionAsync("input => input._blazorInputFileNextFileId !== undefined", await input.ElementHandleAsync());
        await input.SetInputFilesAsync(path);
    }

    public static async Task<PayoutFilesPage> OpenAsync(IPage page)
    {
        await page.GotoAsync("/bank-files");
        var files = new PayoutFilesPage(page);
        await Expect(files.Heading).ToBeVisibleAsync();
        await Blazor.UntilInteractiveAsync(page);
        return files;
    }
}
