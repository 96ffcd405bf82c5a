using Bunit;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Refunds.Core.Access;
using Refunds.Core.Refunds;
using Refunds.Dashboard.Components.Pages.Payments;
using Refunds.Dashboard.Components.Pages.Refunds;
using Refunds.Dashboard.Tests.Core.Approvals;
using Refunds.Dashboard.Tests.Support;

namespace Refunds.Dashboard.Tests.Components.Refunds;

/// <summary>Refunds that need several approvals, as the pages show them (the policy: AED from 10,000 needs 2, from 100,000 two senior approvers).</summary>
public class ApprovalProgressTests : DashboardTestContext
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Engine.SeedDefaultsAsync();
    }

    private async Task<Refund> LargeRefundAsync(decimal amount = 15_000m) => await Engine.RefundAsync(await Engine.PaymentAsync(amount), amount);

    private Task ApproveAsync(Actor reviewer, Refund refund) => Engine.Refunds.DecideAsync(reviewer, [new RefundDecision(refund.Id, RefundStatus.Approved)]);

    private IRenderedComponent<RefundDetailPage> RenderDetail(Refund refund)
    {
        RenderProviders();
        var page = Render<RefundDetailPage>(p => p.Add(x => x.Id, refund.Id));
        page.WaitForElement(".timeline-entry");
        return page;
    }

    [Fact]
    public async Task The_refunds_list_shows_how_many_of_the_approvals_a_refund_has()
    {
        var refund = await LargeRefundAsync();
        await ApproveAsync(EngineHarness.SecondChecker, refund);
        SignInAsViewer();
        RenderProviders();

        var page = Render<RefundsPage>();

        page.WaitForAssertion(() => Assert.Equal("1 of 2 approvals", page.Find(".approval-progress").TextContent.Trim()));
    }

    [Fact]
    public async Task Awaiting_my_approval_leaves_out_refunds_the_reviewer_already_approved()
    {
        var approvedByMe = await LargeRefundAsync();
        await ApproveAsync(EngineHarness.Checker, approvedByMe);
        var awaiting = await LargeRefundAsync();
        SignInAsReviewer();
        RenderProviders();
        var page = Render<RefundsPage>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("tbody tr.mud-table-row").Count));

        page.FindComponent<MudSwitch<bool>>().Find("input").Change(true);

        page.WaitForAssertion(() => Assert.Single(page.FindAll("tbody tr.mud-table-row")));
        Assert.Contains(global::Refunds.Dashboard.Components.Display.ShortId(awaiting.Id), page.Find("tbody tr.mud-table-row").TextContent);
    }

    [Fact]
    public async Task The_detail_page_lists_who_approved_and_disables_Refund_for_that_reviewer_saying_why()
    {
        var refund = await LargeRefundAsync();
        await ApproveAsync(EngineHarness.Checker, refund);
        SignInAsReviewer();

        var page = RenderDetail(refund);

        Assert.Contains(EngineHarness.Checker.DisplayName, page.Find(".approval-list").TextContent);
        Assert.Contains("1 of 2 approvals", page.Find("[data-testid=approvals]").TextContent);
        Assert.True(page.Find("#refund-approve").HasAttribute("disabled"));
        Assert.False(page.Find("#refund-reject").HasAttribute("disabled"));
        Assert.Contains("You already approved this refund", page.Find("[data-testid=why-not-decide]").TextContent);
    }

    [Fact]
    public async Task A_reviewer_without_the_tiers_role_sees_Refund_disabled_naming_the_role()
    {
        var refund = await LargeRefundAsync(100_000m);
        SignInAsReviewer();

        var page = RenderDetail(refund);

        Assert.True(page.Find("#refund-approve").HasAttribute("disabled"));
        Assert.Contains(OperatorRoles.SeniorApprover, page.Find("[data-testid=why-not-decide]").TextContent);
    }

    [Fact]
    public async Task Refund_on_a_refund_needing_another_approval_says_the_approval_was_recorded()
    {
        var refund = await LargeRefundAsync();
        SignInAsReviewer();
        var page = RenderDetail(refund);

        page.Find("#refund-approve").Click();
        Dialogs.WaitForElement("#decision-confirm").Click();

        page.WaitForAssertion(() => Assert.Contains("approval recorded (1 of 2); it awaits 1 more", Snackbars.Markup));
        Assert.Equal(RefundStatus.Created, (await Engine.RefundByIdAsync(refund.Id)).Status);
    }

    [Fact]
    public async Task Bulk_refund_says_per_row_whether_a_refund_was_approved_or_only_its_approval_recorded()
    {
        var payment = await Engine.PaymentAsync(20_000m);
        await Engine.RefundAsync(payment, 15_000m);
        await Engine.RefundAsync(payment, 100m);
        SignInAsReviewer();
        RenderProviders();
        var page = Render<RefundsPage>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("tbody tr.mud-table-row").Count));
        foreach (var checkbox in page.FindAll("tbody tr.mud-table-row input[type=checkbox]")) checkbox.Change(true);

        page.WaitForAssertion(() => Assert.False(page.Find("#bulk-refund").HasAttribute("disabled")));
        page.Find("#bulk-refund").Click();
        Dialogs.WaitForElement("#decision-confirm").Click();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=bulk-results] .bulk-ok").Count));
        var rows = page.FindAll("[data-testid=bulk-results] .bulk-ok").Select(li => li.TextContent).ToList();
        Assert.Contains(rows, text => text.Contains("approval recorded (1 of 2)"));
        Assert.Contains(rows, text => text.Contains("approved and queued for bank processing"));
    }

    [Fact]
    public async Task Confirm_Refund_tells_the_initiator_how_many_approvals_and_which_role_the_amount_will_need()
    {
        await Engine.PaymentAsync(150_000m);
        SignInAsInitiator();
        RenderProviders();
        var page = Render<PaymentsPage>();
        page.WaitForElement("button.refund-action").Click();
        Dialogs.WaitForAssertion(() => Assert.NotNull(Dialogs.Find("#refund-amount")));

        var full = Dialogs.Find("[data-testid=approvals-needed]").TextContent;
        Dialogs.Find("#refund-amount").Input("15000");
        Dialogs.WaitForAssertion(() => Assert.Contains("needs 2 approvals from different reviewers other than you.", Dialogs.Find("[data-testid=approvals-needed]").TextContent));
        Dialogs.Find("#refund-amount").Input("500");

        Assert.Contains("each a senior approver (refunds.senior_approver)", full);
        Dialogs.WaitForAssertion(() => Assert.Contains("A reviewer other than you will approve it.", Dialogs.Find("[data-testid=approvals-needed]").TextContent));
    }
}
