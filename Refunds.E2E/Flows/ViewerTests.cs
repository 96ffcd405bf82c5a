using Microsoft.Playwright;
using Refunds.E2E.Harness;
using Refunds.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace Refunds.E2E.Flows;

public class ViewerTests(E2EApp app) : IClassFixture<E2EApp>
{
    [Fact]
    public async Task A_viewer_sees_payments_and_refunds_but_is_offered_no_action()
    {
        using var maker = await RefundsApi.SignInAsync(app.BaseAddress, "integration-maker");
        var payment = await maker.SeedPaymentAsync(70m, reconciled: true);
        var created = await maker.SendAsync(HttpMethod.Post, "/payouts/refunds",
            new[] { new { payment_id = payment.Id, amount = 15m, reason_code = "CUSTOMER_REQUEST" } });
        var refundId = Guid.Parse(created[0]!["refund_id"]!.GetValue<string>());
        var page = await SignInPage.SignInAsync(await app.NewPageAsync(), "viewer");

        var payments = new PaymentsPage(page);
        await payments.SearchForAsync(payment.Reference);
        await Expect(payments.RefundActions).ToHaveCountAsync(0);
        await Expect(payments.Grid.GetByRole(AriaRole.Columnheader, new() { Name = "Action" })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Initiate Refund" })).ToHaveCountAsync(0);
        var nav = new NavMenu(page);
        await Expect(nav.Payments).ToBeVisibleAsync();
        await nav.Refunds.ClickAsync();
        var refunds = new RefundsPage(page);
        await Expect(refunds.Row(refundId)).ToContainTextAsync("Awaiting approval");
        await Expect(refunds.RefundSelected).ToHaveCountAsync(0);
        await Expect(refunds.RejectSelected).ToHaveCountAsync(0);
        await Expect(refunds.SelectionBoxes).ToHaveCountAsync(0);
        await E2EApp.ScreenshotAsync(page, "viewer-refunds");
        var detail = await refunds.OpenRefundAsync(refundId);
        await Expect(detail.Status).ToContainTextAsync("Awaiting approval");
        await Expect(detail.RefundButton).ToHaveCountAsync(0);
        await Expect(detail.RejectButton).ToHaveCountAsync(0);
        await Expect(detail.CancelRefundButton).ToHaveCountAsync(0);

        await E2EApp.ScreenshotAsync(page, "viewer-refund-detail");
        Assert.True(app.CspViolations.Count == 0, string.Join("\n", app.CspViolations));
    }
}
