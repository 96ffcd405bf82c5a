using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Refunds.Core.Access;
using Refunds.Core.Refunds;
using Refunds.Dashboard.Components.Pages.Refunds;
using Refunds.Dashboard.Tests.Support;

namespace Refunds.Dashboard.Tests.Components.Refunds;

public class RefundsPageTests : DashboardTestContext
{
    private IRenderedComponent<RefundsPage> RenderPage(int rows)
    {
        RenderProviders();
        var page = Render<RefundsPage>();
        page.WaitForAssertion(() => Assert.Equal(rows, page.FindAll("tbody tr.mud-table-row").Count));
        return page;
    }

    private static string CountOn(IRenderedComponent<RefundsPage> page, string status) =>
        page.Find($".status-filter[data-status={status}] .status-count").TextContent;

    [Fact]
    public async Task The_status_filter_lists_only_refunds_in_that_status_and_each_status_shows_its_count()
    {
        var payment = await Engine.PaymentAsync(100m);
        await Engine.RefundAsync(payment, 10m);
        await Engine.RefundAsync(payment, 10m);
        var approved = await Engine.RefundAsync(payment, 10m);
        await Engine.Refunds.DecideAsync(EngineHarness.Checker, [new RefundDecision(approved.Id, RefundStatus.Approved)]);
        SignInAsViewer();
        var page = RenderPage(rows: 3);

        page.Find(".status-filter[data-status=APPROVED]").Click();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("tbody tr.mud-table-row")));
        Assert.Contains("Approved", page.Find("tbody tr.mud-table-row .refund-status").TextContent);
        Assert.Equal(("3", "2", "1", "0"), (CountOn(page, "ALL"), CountOn(page, "CREATED"), CountOn(page, "APPROVED"), CountOn(page, "REJECTED")));
    }

    [Fact]
    public async Task The_list_opens_on_the_status_named_in_its_address()
    {
        var payment = await Engine.PaymentAsync(100m);
        await Engine.RefundAsync(payment, 10m);
        var approved = await Engine.RefundAsync(payment, 10m);
        await Engine.Refunds.DecideAsync(EngineHarness.Checker, [new RefundDecision(approved.Id, RefundStatus.Approved)]);
        SignInAsViewer();
        Services.GetRequiredService<NavigationManager>().NavigateTo("/refunds?status=CREATED");

        var page = RenderPage(rows: 1);

        Assert.Contains("Awaiting approval", page.Find("tbody tr.mud-table-row .refund-status").TextContent);
    }

    [Fact]
    public async Task A_status_with_no_refunds_says_what_to_do()
    {
        await Engine.RefundAsync(await Engine.PaymentAsync());
        SignInAsViewer();
        var page = RenderPage(rows: 1);

        page.Find(".status-filter[data-status=FAILED]").Click();

        page.WaitForAssertion(() => Assert.Contains("Choose All", page.Find("[data-testid=refunds-empty]").TextContent));
    }

    [Fact]
    public async Task A_viewer_cannot_select_refunds_for_a_decision()
    {
        await Engine.RefundAsync(await Engine.PaymentAsync());
        SignInAsViewer();

        var page = RenderPage(rows: 1);

        Assert.Empty(page.FindAll("#bulk-refund, #bulk-reject, tbody input[type=checkbox]"));
    }

    [Fact]
    public async Task Bulk_refund_decides_each_selected_refund_and_reports_a_result_per_row()
    {
        var payment = await Engine.PaymentAsync(100m);
        var first = await Engine.RefundAsync(payment, 10m);
        var second = await Engine.RefundAsync(payment, 20m);
        SignInAsReviewer();
        var page = RenderPage(rows: 2);
        foreach (var checkbox in page.FindAll("tbody tr.mud-table-row input[type=checkbox]")) checkbox.Change(true);
        // Meanwhile another reviewer rejects one of them: only that row fails.
        await Engine.Refunds.DecideAsync(EngineHarness.SecondChecker, [new RefundDecision(second.Id, RefundStatus.Rejected, "Duplicate")]);

        page.WaitForAssertion(() => Assert.False(page.Find("#bulk-refund").HasAttribute("disabled")));
        page.Find("#bulk-refund").Click();
        Dialogs.WaitForElement("#decision-confirm").Click();

        page.WaitForAssertion(() => Assert.Contains("1 of 2 refunded, 1 refused.", page.Find("[data-testid=bulk-results]").TextContent));
        Assert.Single(page.FindAll("[data-testid=bulk-results] .bulk-ok"));
        Assert.Contains("it cannot become APPROVED", page.Find("[data-testid=bulk-results] .bulk-failed").TextContent);
        Assert.Equal(RefundStatus.Approved, (await Engine.RefundByIdAsync(first.Id)).Status);
    }

    [Fact]
    public async Task A_reviewer_cannot_select_their_own_refund_for_a_decision()
    {
        var initiatorAndReviewer = EngineHarness.Checker with { Permissions = EngineHarness.Checker.Permissions | Permission.WriteRefunds };
        await Engine.RefundAsync(await Engine.PaymentAsync(), maker: initiatorAndReviewer);
        SignInAs(initiatorAndReviewer, OperatorRoles.Initiator, OperatorRoles.Approver);

        var page = RenderPage(rows: 1);

        var checkbox = page.Find("tbody tr.mud-table-row input[type=checkbox]");
        Assert.True(checkbox.HasAttribute("disabled"));
        var label = page.Find($"[id='{checkbox.GetAttribute("aria-labelledby")}']");
        Assert.Contains("You initiated this refund", label.TextContent);
    }

    [Fact]
    public async Task The_grid_table_is_named_by_the_page_heading()
    {
        await Engine.RefundAsync(await Engine.PaymentAsync());
        SignInAsViewer();

        var page = RenderPage(rows: 1);

        Assert.Equal("refunds-title", page.Find("table").GetAttribute("aria-labelledby"));
        Assert.Equal("Refunds", page.Find("#refunds-title").TextContent);
    }
}
