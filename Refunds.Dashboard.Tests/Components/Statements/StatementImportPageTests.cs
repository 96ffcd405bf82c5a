using Bunit;
using Microsoft.AspNetCore.Components;
using Refunds.Core.Statements;
using Refunds.Dashboard.Components.Pages.Statements;
using Refunds.Dashboard.Tests.Support;
using static Refunds.Dashboard.Tests.Support.EngineHarness;

namespace Refunds.Dashboard.Tests.Components.Statements;

public class StatementImportPageTests : DashboardTestContext
{
    private IRenderedComponent<StatementImportPage> RenderPage(StatementImport import)
    {
        RenderProviders();
        var page = Render<StatementImportPage>(p => p.Add(x => x.Id, import.Id));
        page.WaitForElement("tr.statement-line");
        return page;
    }

    private static string[] ResultsShown(IRenderedComponent<StatementImportPage> page) =>
        [.. page.FindAll("tr.statement-line").Select(row => row.GetAttribute("data-result")!)];

    private void Confirm(string note)
    {
        Dialogs.WaitForElement("#decision-note").Change(note);
        Dialogs.Find("#decision-confirm").Click();
    }

    private async Task<ImportedStatementLine> LineAsync(StatementImport import, int number) =>
        (await Engine.Get<StatementQueries>().LinesAsync(Feed, import.Id, null, 0, 50)).Lines.Items.Single(l => l.Number == number);

    [Fact]
    public async Task The_result_chips_count_the_lines_and_show_only_those_of_the_result_picked()
    {
        var import = await (await StatementScene.RecordAsync(Engine)).ImportAsync(Engine);
        SignInAsViewer();
        var page = RenderPage(import);
        Assert.Equal(["MATCHED", "AMBIGUOUS", "UNMATCHED", "IGNORED"], ResultsShown(page));
        Assert.Equal("Ambiguous (1)", page.Find("#lines-ambiguous").TextContent.Trim());

        page.Find("#lines-unmatched").Click();

        page.WaitForAssertion(() => Assert.Equal(["UNMATCHED"], ResultsShown(page)));
        Assert.Equal("true", page.Find("#lines-unmatched").GetAttribute("aria-pressed"));
        page.Find("#lines-all").Click();
        page.WaitForAssertion(() => Assert.Equal(4, ResultsShown(page).Length));
    }

    [Fact]
    public async Task A_result_without_lines_says_nothing_waits_there()
    {
        var import = await (await StatementScene.RecordAsync(Engine)).ImportAsync(Engine);
        SignInAsViewer();
        var page = RenderPage(import);

        page.Find("#lines-already-reconciled").Click();

        page.WaitForAssertion(() => Assert.Equal("No already reconciled lines in this statement.", page.Find("[data-testid=lines-empty]").TextContent.Trim()));
    }

    [Fact]
    public async Task An_ambiguous_line_shows_its_candidates_and_Match_reconciles_the_one_confirmed()
    {
        var scene = await StatementScene.RecordAsync(Engine);
        var import = await scene.ImportAsync(Engine);
        SignInAsInitiator();
        var page = RenderPage(import);
        var candidates = page.FindAll("tr[data-line-number='2'] li.line-candidate").Select(li => Guid.Parse(li.GetAttribute("data-payment-id")!));
        Assert.Equal(new[] { scene.FirstCharge.Id, scene.SecondCharge.Id }.Order(), candidates.Order());

        page.Find($"tr[data-line-number='2'] li[data-payment-id='{scene.SecondCharge.Id}'] button.match-candidate").Click();
        Assert.Contains("cannot be undone", Dialogs.WaitForElement(".mud-dialog").TextContent);
        Confirm("Second charge is the one the customer paid");

        page.WaitForAssertion(() => Assert.Equal("MATCHED", page.Find("tr[data-line-number='2']").GetAttribute("data-result")));
        Assert.Contains(scene.SecondCharge.Id.ToString(), page.Find("tr[data-line-number='2'] a").GetAttribute("href"));
        Assert.Equal(import.Id, (await Engine.PaymentByIdAsync(scene.SecondCharge.Id)).StatementImportId);
        Assert.False((await Engine.PaymentByIdAsync(scene.FirstCharge.Id)).IsReconciled);
        Assert.Equal("Second charge is the one the customer paid", (await LineAsync(import, 2)).MatchNote);
        Assert.Equal("Matched (2)", page.Find("#lines-matched").TextContent.Trim());
    }

    [Fact]
    public async Task Going_back_from_the_confirmation_matches_nothing()
    {
        var scene = await StatementScene.RecordAsync(Engine);
        var import = await scene.ImportAsync(Engine);
        SignInAsInitiator();
        var page = RenderPage(import);

        page.Find($"li[data-payment-id='{scene.FirstCharge.Id}'] button.match-candidate").Click();
        Dialogs.WaitForElement("#decision-cancel").Click();

        Dialogs.WaitForAssertion(() => Assert.Empty(Dialogs.FindAll(".mud-dialog")));
        Assert.Equal(LineResult.Ambiguous, (await LineAsync(import, 2)).Result);
        Assert.False((await Engine.PaymentByIdAsync(scene.FirstCharge.Id)).IsReconciled);
    }

    [Fact]
    public async Task An_unmatched_line_is_matched_by_hand_to_a_payment_picked_among_those_of_its_amount()
    {
        var scene = await StatementScene.RecordAsync(Engine);
        var import = await scene.ImportAsync(Engine);
        SignInAsReviewer();
        var page = RenderPage(import);

        page.Find("tr[data-line-number='3'] button.match-line").Click();
        Dialogs.WaitForAssertion(() => Assert.Equal([scene.Unreferenced.Id.ToString()],
            Dialogs.FindAll("tr.matchable-payment").Select(row => row.GetAttribute("data-payment-id"))));
        Dialogs.Find("button.pick-payment").Click();
        Confirm("");

        page.WaitForAssertion(() => Assert.Equal("MATCHED", page.Find("tr[data-line-number='3']").GetAttribute("data-result")));
        var line = await LineAsync(import, 3);
        Assert.Equal((scene.Unreferenced.Id, Checker.DisplayName), (line.PaymentId, line.MatchedByName));
        Assert.Equal(import.Id, (await Engine.PaymentByIdAsync(scene.Unreferenced.Id)).StatementImportId);
    }

    [Fact]
    public async Task A_match_the_engine_refuses_is_shown_in_words()
    {
        var scene = await StatementScene.RecordAsync(Engine);
        var import = await scene.ImportAsync(Engine);
        SignInAsInitiator();
        var page = RenderPage(import);
        // Someone reconciles the payment between the page's read and the operator's click.
        await Engine.Payments.ReconcileAsync(Feed, scene.FirstCharge.Id, "STMT-ELSEWHERE/1");

        page.Find($"li[data-payment-id='{scene.FirstCharge.Id}'] button.match-candidate").Click();
        Confirm("");

        page.WaitForAssertion(() => Assert.Contains("Line 2 was not matched: ", page.Find("[data-testid=action-error]").TextContent));
        Assert.Contains("already reconciled against STMT-ELSEWHERE/1", page.Find("[data-testid=action-error]").TextContent);
        Assert.Equal(LineResult.Ambiguous, (await LineAsync(import, 2)).Result);
    }

    [Fact]
    public async Task A_viewer_reads_the_lines_and_candidates_but_is_offered_no_Match()
    {
        var import = await (await StatementScene.RecordAsync(Engine)).ImportAsync(Engine);
        SignInAsViewer();

        var page = RenderPage(import);

        Assert.Equal(2, page.FindAll("li.line-candidate").Count);
        Assert.Empty(page.FindAll("button.match-candidate"));
        Assert.Empty(page.FindAll("button.match-line"));
    }

    [Fact]
    public void An_unknown_import_says_it_was_not_found()
    {
        SignInAsViewer();

        var page = Render<StatementImportPage>(p => p.Add(x => x.Id, Guid.NewGuid()));

        page.WaitForAssertion(() => Assert.Contains("Statement not found", page.Find("h1").TextContent));
    }

    [Fact]
    public async Task Match_waits_for_the_live_connection()
    {
        var import = await (await StatementScene.RecordAsync(Engine)).ImportAsync(Engine);
        SetRendererInfo(new RendererInfo("Static", isInteractive: false));
        SignInAsInitiator();

        var page = RenderPage(import);

        var matches = page.FindAll("button.match-candidate, button.match-line");
        Assert.Equal(3, matches.Count);
        Assert.All(matches, button => Assert.True(button.HasAttribute("disabled")));
    }
}
