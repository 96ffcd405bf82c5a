using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Refunds.Core.Refunds;
using Refunds.Dashboard.Components.Pages.Refunds;
using Refunds.Dashboard.Tests.Support;

namespace Refunds.Dashboard.Tests.Components.Refunds;

public class LiveQueueTests : DashboardTestContext
{
    // The engine in these tests writes through its own instance: tell this app's notifier, as its unit of work would.
    private void Announce(Refund refund, RefundStatus status, RefundStatus previous) =>
        Services.GetRequiredService<RefundStatusNotifier>().Publish(
            [new RefundStatusChanged(refund.Id, refund.PaymentId, status, previous, DateTimeOffset.UtcNow, null, "checker", refund.Amount)]);

    [Fact]
    public async Task The_queue_says_so_when_nothing_is_with_the_bank()
    {
        SignInAsViewer();

        var queue = Render<LiveQueue>();

        queue.WaitForAssertion(() => Assert.Contains("Nothing is with the bank right now", queue.Markup));
        await Task.CompletedTask;
    }

    [Fact]
    public async Task The_queue_re_renders_when_the_notifier_raises_a_status_change()
    {
        SignInAsViewer();
        var refund = await Engine.RefundAsync(await Engine.PaymentAsync(), 12.5m);
        var queue = Render<LiveQueue>();
        queue.WaitForAssertion(() => Assert.Contains("Nothing is with the bank right now", queue.Markup));

        await Engine.Refunds.DecideAsync(EngineHarness.Checker, [new RefundDecision(refund.Id, RefundStatus.Approved)]);
        Announce(refund, RefundStatus.Approved, RefundStatus.Created);

        queue.WaitForAssertion(() =>
        {
            var row = queue.Find($"tr[data-refund-id='{refund.Id}']");
            Assert.Contains("Approved", row.TextContent);
            Assert.Contains("12.50 AED", row.TextContent);
        });
    }

    [Fact]
    public async Task A_refund_is_not_in_the_queue_before_it_is_approved()
    {
        SignInAsViewer();
        var refund = await Engine.RefundAsync(await Engine.PaymentAsync());

        var queue = Render<LiveQueue>();
        Announce(refund, RefundStatus.Created, RefundStatus.Created);

        queue.WaitForAssertion(() => Assert.Empty(queue.FindAll($"tr[data-refund-id='{refund.Id}']")));
    }
}
