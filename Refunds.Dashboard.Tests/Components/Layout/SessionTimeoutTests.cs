using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Refunds.Core.Refunds;
using Refunds.Dashboard.Components;
using Refunds.Dashboard.Components.Pages.Refunds;
using Refunds.Dashboard.Identity;
using Refunds.Dashboard.Tests.Support;

namespace Refunds.Dashboard.Tests.Components.Layout;

public class SessionTimeoutTests : DashboardTestContext
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);

    public SessionTimeoutTests() => Services.AddSingleton<TimeProvider>(_clock);

    private IRenderedComponent<RefundDetailPage> OpenRefund(Refund refund)
    {
        RenderProviders();
        var page = Render<RefundDetailPage>(p => p.Add(x => x.Id, refund.Id));
        page.WaitForElement(".timeline-entry");
        return page;
    }

    private void Approve(IRenderedComponent<RefundDetailPage> page)
    {
        page.Find("#refund-approve").Click();
        Dialogs.WaitForElement("#decision-note").Change("Checked");
        Dialogs.Find("#decision-confirm").Click();
    }

    [Fact]
    public async Task After_the_session_timed_out_a_change_is_refused_until_the_operator_signs_in_again()
    {
        var refund = await Engine.RefundAsync(await Engine.PaymentAsync());
        SignInAsReviewer();
        var page = OpenRefund(refund);
        var session = Services.GetRequiredService<SessionActivity>();

        // The page sat idle for longer than the session lasts; then the operator clicks.
        _clock.Advance(TimeSpan.FromMinutes(31));
        session.RecordActivity();
        Approve(page);

        page.WaitForAssertion(() => Assert.Contains("Your session expired", page.Find("[data-testid=action-error]").TextContent));
        Assert.Equal(RefundStatus.Created, (await Engine.RefundByIdAsync(refund.Id)).Status);

        // Signed in again in another tab: the same page carries on.
        Services.GetRequiredService<SessionRenewals>().Record(EngineHarness.Checker.Id);
        Approve(page);

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll(".timeline-entry").Count));
        Assert.Null(session.ExpiredSince);
    }

    [Fact]
    public async Task A_page_used_within_the_session_timeout_never_expires()
    {
        var refund = await Engine.RefundAsync(await Engine.PaymentAsync());
        SignInAsReviewer();
        var page = OpenRefund(refund);
        var session = Services.GetRequiredService<SessionActivity>();

        for (var i = 0; i < 4; i++)
        {
            _clock.Advance(TimeSpan.FromMinutes(20));
            session.RecordActivity();
        }
        Approve(page);

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll(".timeline-entry").Count));
        Assert.Null(session.ExpiredSince);
    }
}
