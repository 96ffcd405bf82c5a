using Bunit;
using Microsoft.AspNetCore.Components;
using Refunds.Core;
using Refunds.Core.Refunds;
using Refunds.Dashboard.Components.Pages.Refunds;
using Refunds.Dashboard.Tests.Support;

namespace Refunds.Dashboard.Tests.Components.Refunds;

public class BulkDecisionBarTests : DashboardTestContext
{
    private int _decided;

    private IRenderedComponent<BulkDecisionBar> RenderBar(IReadOnlyCollection<RefundRow> selected)
    {
        RenderProviders();
        return Render<BulkDecisionBar>(p => p
            .Add(x => x.Selected, selected)
            .Add(x => x.Decided, EventCallback.Factory.Create(this, () => _decided++)));
    }

    private async Task<IReadOnlyList<RefundRow>> RowsAsync() =>
        (await Engine.Get<RefundQueries>().ListRowsAsync(EngineHarness.Checker, new RefundFilter(), ListOrder.OldestFirst)).Items;

    [Fact]
    public void With_nothing_selected_neither_decision_can_be_taken()
    {
        SignInAsReviewer();

        var bar = RenderBar([]);

        Assert.True(bar.Find("#bulk-refund").HasAttribute("disabled"));
        Assert.True(bar.Find("#bulk-reject").HasAttribute("disabled"));
        Assert.Contains("0 selected", bar.Markup);
    }

    [Fact]
    public async Task Before_the_page_is_live_its_buttons_wait_rather_than_take_a_click_that_would_do_nothing()
    {
        await Engine.RefundAsync(await Engine.PaymentAsync());
        SignInAsReviewer();
        SetRendererInfo(new RendererInfo("Static", isInteractive: false));

        var bar = RenderBar(await RowsAsync());

        Assert.True(bar.Find("#bulk-refund").HasAttribute("disabled"));
        Assert.True(bar.Find("#bulk-reject").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Reject_selected_rejects_each_refund_on_its_own_and_says_what_became_of_each()
    {
        var payment = await Engine.PaymentAsync(100m);
        var first = await Engine.RefundAsync(payment, 10m);
        var second = await Engine.RefundAsync(payment, 20m);
        SignInAsReviewer();
        var bar = RenderBar(await RowsAsync());
        // Meanwhile another reviewer approves the first: only that one is refused.
        await Engine.Refunds.DecideAsync(EngineHarness.SecondChecker, [new RefundDecision(first.Id, RefundStatus.Approved)]);

        bar.Find("#bulk-reject").Click();
        Dialogs.WaitForElement("#decision-note").Change("Duplicate of a card refund");
        Dialogs.Find("#decision-confirm").Click();

        bar.WaitForAssertion(() => Assert.Contains("1 of 2 rejected, 1 refused.", bar.Find("[data-testid=bulk-results]").TextContent));
        Assert.Contains($"Refund {first.Id} is APPROVED; it cannot become REJECTED.", bar.Find(".bulk-failed").TextContent);
        Assert.Contains("rejected", bar.Find(".bulk-ok").TextContent);
        var rejected = await Engine.RefundByIdAsync(second.Id);
        Assert.Equal((RefundStatus.Rejected, "Duplicate of a card refund"), (rejected.Status, rejected.DecisionNote));
        Assert.Equal(1, _decided);
    }

    [Fact]
    public async Task Going_back_from_the_confirmation_decides_nothing()
    {
        await Engine.RefundAsync(await Engine.PaymentAsync());
        SignInAsReviewer();
        var bar = RenderBar(await RowsAsync());

        bar.Find("#bulk-refund").Click();
        Dialogs.WaitForElement("#decision-cancel").Click();

        Dialogs.WaitForAssertion(() => Assert.Empty(Dialogs.FindAll(".mud-dialog")));
        Assert.Equal(RefundStatus.Created, (await RowsAsync())[0].Status);
        Assert.Equal(0, _decided);
    }
}
