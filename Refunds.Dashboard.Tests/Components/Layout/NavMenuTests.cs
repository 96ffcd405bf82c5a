using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Refunds.Core.Access;
using Refunds.Core.Refunds;
using Refunds.Dashboard.Components;
using Refunds.Dashboard.Components.Layout;
using Refunds.Dashboard.Tests.Support;

namespace Refunds.Dashboard.Tests.Components.Layout;

public class NavMenuTests : DashboardTestContext
{
    [Fact]
    public async Task The_refunds_badge_counts_what_awaits_the_signed_in_reviewer_and_follows_live_status_changes()
    {
        var payment = await Engine.PaymentAsync(100m);
        var first = await Engine.RefundAsync(payment, 10m);
        await Engine.RefundAsync(payment, 10m);
        SignInAsReviewer();
        var menu = Render<NavMenu>();
        menu.WaitForAssertion(() => Assert.Equal("2", menu.Find("[data-testid=awaiting-badge]").TextContent.Trim()));

        var decided = await Engine.Refunds.DecideAsync(EngineHarness.Checker, [new RefundDecision(first.Id, RefundStatus.Approved)]);
        // The decision was made through another engine instance: tell this app's notifier, as its unit of work would.
        Services.GetRequiredService<RefundStatusNotifier>().Publish(
            [new RefundStatusChanged(first.Id, first.PaymentId, RefundStatus.Approved, RefundStatus.Created, DateTimeOffset.UtcNow, null, "checker", decided[0].Amount)]);

        menu.WaitForAssertion(() => Assert.Equal("1", menu.Find("[data-testid=awaiting-badge]").TextContent.Trim()));
    }

    [Fact]
    public async Task An_initiator_sees_no_badge()
    {
        await Engine.RefundAsync(await Engine.PaymentAsync());
        SignInAs(EngineHarness.Maker, OperatorRoles.Initiator);

        var menu = Render<NavMenu>();

        menu.WaitForAssertion(() => Assert.Contains("Refunds", menu.Markup));
        Assert.Empty(menu.FindAll("[data-testid=awaiting-badge]"));
    }

    [Fact]
    public void Everyone_who_may_read_payments_has_the_Statements_tab()
    {
        SignInAsViewer();

        var menu = Render<NavMenu>();

        menu.WaitForAssertion(() => Assert.Single(menu.FindAll("a[href='/bank-statements']")));
    }

    [Fact]
    public void An_operator_without_a_role_has_no_Statements_tab()
    {
        SignInAs(EngineHarness.Admin);

        var menu = Render<NavMenu>();

        menu.WaitForAssertion(() => Assert.Contains("Refunds", menu.Markup));
        Assert.Empty(menu.FindAll("a[href='/bank-statements']"));
    }
}
