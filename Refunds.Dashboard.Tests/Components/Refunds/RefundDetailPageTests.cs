using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Refunds.Core.Access;
using Refunds.Core.Refunds;
using Refunds.Dashboard.Components.Pages.Refunds;
using Refunds.Dashboard.Tests.Support;

namespace Refunds.Dashboard.Tests.Components.Refunds;

public class RefundDetailPageTests : DashboardTestContext
{
    private IRenderedComponent<RefundDetailPage> RenderPage(Refund refund)
    {
        RenderProviders();
        var page = Render<RefundDetailPage>(p => p.Add(x => x.Id, refund.Id));
        page.WaitForElement(".timeline-entry");
        return page;
    }

    private void Confirm(string note)
    {
        Dialogs.WaitForElement("#decision-note").Change(note);
        Dialogs.Find("#decision-confirm").Click();
    }

    [Fact]
    public async Task A_reviewer_sees_Refund_and_Reject_enabled_on_someone_elses_refund_awaiting_approval()
    {
        var refund = await Engine.RefundAsync(await Engine.PaymentAsync());
        SignInAsReviewer();

        var page = RenderPage(refund);

        Assert.False(page.Find("#refund-approve").HasAttribute("disabled"));
        Assert.False(page.Find("#refund-reject").HasAttribute("disabled"));
        Assert.Empty(page.FindAll("[data-testid=why-not-decide]"));
    }

    [Fact]
    public async Task Prerendered_before_the_page_is_live_Refund_and_Reject_wait_rather_than_take_a_click_that_would_do_nothing()
    {
        var refund = await Engine.RefundAsync(await Engine.PaymentAsync());
        SignInAsReviewer();
        SetRendererInfo(new RendererInfo("Static", isInteractive: false));

        var page = RenderPage(refund);

        Assert.True(page.Find("#refund-approve").HasAttribute("disabled"));
        Assert.True(page.Find("#refund-reject").HasAttribute("disabled"));
        Assert.Empty(page.FindAll("[data-testid=why-not-decide]"));
    }

    [Fact]
    public async Task A_reviewer_who_initiated_the_refund_sees_Refund_and_Reject_disabled_with_the_reason()
    {
        var initiatorAndReviewer = EngineHarness.Checker with { Permissions = EngineHarness.Checker.Permissions | Permission.WriteRefunds };
        var refund = await Engine.RefundAsync(await Engine.PaymentAsync(), maker: initiatorAndReviewer);
        SignInAs(initiatorAndReviewer, OperatorRoles.Initiator, OperatorRoles.Approver);

        var page = RenderPage(refund);

        Assert.True(page.Find("#refund-approve").HasAttribute("disabled"));
        Assert.True(page.Find("#refund-reject").HasAttribute("disabled"));
        Assert.Contains("You initiated this refund, so another reviewer must approve or reject it.", page.Find("[data-testid=why-not-decide]").TextContent);
    }

    [Fact]
    public async Task A_viewer_sees_no_actions()
    {
        var refund = await Engine.RefundAsync(await Engine.PaymentAsync());
        SignInAsViewer();

        var page = RenderPage(refund);

        Assert.Empty(page.FindAll("#refund-approve, #refund-reject, #refund-cancel"));
    }

    [Fact]
    public async Task A_decided_refund_offers_no_decision()
    {
        var refund = await Engine.RefundAsync(await Engine.PaymentAsync());
        await Engine.Refunds.DecideAsync(EngineHarness.SecondChecker, [new RefundDecision(refund.Id, RefundStatus.Approved)]);
        SignInAsReviewer();

        var page = RenderPage(refund);

        Assert.Empty(page.FindAll("#refund-approve, #refund-reject"));
    }

    [Fact]
    public async Task The_page_reads_its_refund_again_when_changes_from_other_instances_may_have_been_missed()
    {
        var refund = await Engine.RefundAsync(await Engine.PaymentAsync());
        SignInAsReviewer();
        var page = RenderPage(refund);
        // Decided elsewhere (the engine here writes through its own instance): this page's notifier heard nothing of it.
        await Engine.Refunds.DecideAsync(EngineHarness.SecondChecker, [new RefundDecision(refund.Id, RefundStatus.Approved)]);

        Services.GetRequiredService<RefundStatusNotifier>().ReportMissedChanges();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll(".timeline-entry").Count));
    }

    [Fact]
    public async Task Refund_asks_for_confirmation_then_approves_and_the_timeline_shows_it()
    {
        var refund = await Engine.RefundAsync(await Engine.PaymentAsync());
        SignInAsReviewer();
        var page = RenderPage(refund);

        page.Find("#refund-approve").Click();
        Assert.Contains("Queue the refund payment", Dialogs.WaitForElement(".mud-dialog").TextContent);
        Confirm("Checked with support");

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll(".timeline-entry").Count));
        var saved = await Engine.RefundByIdAsync(refund.Id);
        Assert.Equal((RefundStatus.Approved, EngineHarness.Checker.Id, "Checked with support"), (saved.Status, saved.ActionedBy, saved.DecisionNote));
    }

    [Fact]
    public async Task Going_back_from_the_confirmation_decides_nothing()
    {
        var refund = await Engine.RefundAsync(await Engine.PaymentAsync());
        SignInAsReviewer();
        var page = RenderPage(refund);

        page.Find("#refund-approve").Click();
        Dialogs.WaitForElement("#decision-cancel").Click();

        Dialogs.WaitForAssertion(() => Assert.Empty(Dialogs.FindAll(".mud-dialog")));
        Assert.Equal(RefundStatus.Created, (await Engine.RefundByIdAsync(refund.Id)).Status);
    }

    [Fact]
    public async Task Reject_needs_a_reason()
    {
        var refund = await Engine.RefundAsync(await Engine.PaymentAsync());
        SignInAsReviewer();
        var page = RenderPage(refund);

        page.Find("#refund-reject").Click();
        Dialogs.WaitForElement("#decision-confirm").Click();

        Dialogs.WaitForAssertion(() => Assert.Contains("Reason for rejecting is required.", Dialogs.Markup));
        Assert.Equal(RefundStatus.Created, (await Engine.RefundByIdAsync(refund.Id)).Status);
    }

    [Fact]
    public async Task The_initiator_cancels_their_own_refund()
    {
        var refund = await Engine.RefundAsync(await Engine.PaymentAsync());
        SignInAsInitiator();
        var page = RenderPage(refund);

        page.Find("#refund-cancel").Click();
        Confirm("Raised by mistake");

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("#refund-cancel")));
        Assert.Equal(RefundStatus.Cancelled, (await Engine.RefundByIdAsync(refund.Id)).Status);
    }

    [Fact]
    public async Task An_engine_refusal_of_a_decision_is_shown_as_a_readable_message()
    {
        var refund = await Engine.RefundAsync(await Engine.PaymentAsync());
        SignInAsReviewer();
        var page = RenderPage(refund);
        // Another reviewer decides first, while this page still shows the refund awaiting approval.
        await Engine.Refunds.DecideAsync(EngineHarness.SecondChecker, [new RefundDecision(refund.Id, RefundStatus.Rejected, "Duplicate")]);

        page.Find("#refund-approve").Click();
        Confirm("Looks fine");

        page.WaitForAssertion(() => Assert.Contains("it cannot become APPROVED", page.Find("[data-testid=action-error]").TextContent));
        Assert.Equal(RefundStatus.Rejected, (await Engine.RefundByIdAsync(refund.Id)).Status);
    }
}
