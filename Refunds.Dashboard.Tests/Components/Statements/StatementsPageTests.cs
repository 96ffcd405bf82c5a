using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Refunds.Core.Statements;
using Refunds.Dashboard.Components;
using Refunds.Dashboard.Components.Pages.Statements;
using Refunds.Dashboard.Tests.Support;

namespace Refunds.Dashboard.Tests.Components.Statements;

public class StatementsPageTests : DashboardTestContext
{
    private IRenderedComponent<StatementsPage> RenderPage()
    {
        RenderProviders();
        return Render<StatementsPage>();
    }

    private static void Upload(IRenderedComponent<StatementsPage> page, string csv) =>
        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(csv, "november.csv", contentType: "text/csv"));

    [Fact]
    public void Without_imports_the_page_says_how_to_import_and_names_the_sample_files()
    {
        SignInAsInitiator();

        var page = RenderPage();

        var empty = page.WaitForElement("[data-testid=imports-empty]").TextContent;
        Assert.Contains("No statements imported yet.", empty);
        Assert.Contains("statement.camt053.xml", empty);
        Assert.Contains("Choose a file…", empty);
    }

    [Fact]
    public async Task An_upload_shows_its_summary_and_joins_the_list_and_the_same_file_again_changes_nothing()
    {
        var scene = await StatementScene.RecordAsync(Engine);
        SignInAsInitiator();
        var page = RenderPage();
        page.WaitForElement("[data-testid=imports-empty]");

        Upload(page, scene.Csv);

        page.WaitForAssertion(() => Assert.Equal("4: 1 matched, 0 already reconciled, 1 ambiguous, 1 unmatched, 1 ignored",
            page.Find("[data-testid=import-counts]").TextContent));
        var href = page.Find("#open-import").GetAttribute("href");
        page.WaitForAssertion(() => Assert.Single(page.FindAll("tbody tr.mud-table-row")));
        Assert.Equal(href, page.Find("tbody tr.mud-table-row a").GetAttribute("href"));

        Upload(page, scene.Csv);

        var imported = await Engine.Get<StatementQueries>().FindAsync(EngineHarness.Viewer, Guid.Parse(href![^36..]));
        page.WaitForAssertion(() => Assert.Contains(
            $"This statement was imported before on {Display.When(imported!.ImportedAt)} by {EngineHarness.Maker.DisplayName}; nothing changed.",
            page.Find("[data-testid=import-outcome]").TextContent));
        Assert.Equal(href, page.Find("#open-import").GetAttribute("href"));
        Assert.Single(page.FindAll("tbody tr.mud-table-row"));
    }

    [Fact]
    public async Task A_viewer_sees_the_imports_but_cannot_upload()
    {
        var import = await (await StatementScene.RecordAsync(Engine)).ImportAsync(Engine);
        SignInAsViewer();

        var page = RenderPage();

        page.WaitForAssertion(() => Assert.Equal(import.StatementReference, page.Find("tbody tr.mud-table-row a").TextContent.Trim()));
        Assert.Empty(page.FindComponents<StatementUpload>());
    }
}
