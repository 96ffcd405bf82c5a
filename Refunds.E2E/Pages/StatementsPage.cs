using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Refunds.E2E.Pages;

/// <summary>The Statements tab at /bank-statements: the upload, the summary of what was uploaded, the list of imports.</summary>
public sealed class StatementsPage(IPage page)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Name = "Bank statements", Level = 1 });

    public ILocator ChooseFile => page.GetByRole(AriaRole.Button, new() { Name = "Choose a file…" });

    /// <summary>What the last upload came to: the import's summary, or that it was imported before.</summary>
    public ILocator Outcome => page.GetByTestId("import-outcome");

    public ILocator Counts => page.GetByTestId("import-counts");

    public ILocator OpenImport => page.GetByRole(AriaRole.Link, new() { Name = "Open the import" });

    public ILocator DropZone => page.GetByTestId("statement-drop-zone");

    /// <summary>The file input: hidden, until a file dragged over the drop zone shows it over the zone to take the drop.</summary>
    public ILocator FileInput => page.Locator("input[type=file]");

    public ILocator Imports => page.GetByRole(AriaRole.Table, new() { Name = "Imported statements" });

    /// <summary>
    /// Picks the file with the file picker's input, as choosing it in the browser's dialog does. First
    /// waits for Blazor to have set the input up (it marks it), which it does just after the page goes
    /// live: a person takes longer to choose a file than that, a test does not, and a file set before
    /// is never seen.
    /// </summary>
    public async Task UploadAsync(string path)
    {
        await Expect(ChooseFile).ToBeEnabledAsync();
        await page.WaitForFunctionAsync("input => input._blazorInputFileNextFileId !== undefined", await FileInput.ElementHandleAsync());
        await FileInput.SetInputFilesAsync(path);
    }

    public async Task<StatementImportPage> OpenImportAsync()
    {
        await OpenImport.ClickAsync();
        var import = new StatementImportPage(page);
        await Expect(import.Heading).ToBeVisibleAsync();
        return import;
    }
}
