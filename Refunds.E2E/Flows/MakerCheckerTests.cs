using System.Net;
using Refunds.E2E.Harness;
using Refunds.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace Refunds.E2E.Flows;

public class MakerCheckerTests(E2EApp app) : IClassFixture<E2EApp>
{
    [Fact]
    public async Task An_initiator_is_offered_no_decision_on_their_own_refund_and_the_maker_client_may_not_approve_its_own()
    {
        using var maker = await RefundsApi.SignInAsync(app.BaseAddress, "integration-maker");
        var payment = await maker.SeedPaymentAsync(80m, reconciled: true);
        var page = await SignInPage.SignInAsync(await app.NewPageAsync(), "initiator");
        var payments = new PaymentsPage(page);
        await payments.SearchForAsync(payment.Reference);
        var dialog = await payments.OpenConfirmRefundAsync(payment.Id);
        await dialog.FillAsync("20.00", "DUPLICATED_PAYMENT");
        await dialog.InitiateAsync();
        await dialog.OpenRefundButton.ClickAsync();

        var detail = new RefundDetailPage(page);
        await Expect(detail.Status).ToContainTextAsync("Awaiting approval");
        await Expect(detail.RefundButton).ToHaveCountAsync(0);
        await Expect(detail.RejectButton).ToHaveCountAsync(0);
        // Withdrawing is the maker's own action; deciding never is.
        await Expect(detail.CancelRefundButton).ToBeEnabledAsync();
        await E2EApp.ScreenshotAsync(page, "maker-offered-no-decision");
        var refunds = await RefundsPage.OpenAsync(page);
        await Expect(refunds.Grid).ToContainTextAsync("(you)");
        await Expect(refunds.RefundSelected).ToHaveCountAsync(0);
        await Expect(refunds.SelectionBoxes).ToHaveCountAsync(0);

        var created = await maker.SendAsync(HttpMethod.Post, "/payouts/refunds",
            new[] { new { payment_id = payment.Id, amount = 10m, reason_code = "CUSTOMER_REQUEST" } });
        var refundId = created[0]!["refund_id"]!.GetValue<string>();
        var (status, body) = await maker.TryAsync(HttpMethod.Put, "/payouts/refunds", new[] { new { refund_id = refundId, status = "CONFIRMED" } });
        Assert.True(status == HttpStatusCode.Forbidden, $"Approving its own refund answered {(int)status}: {body}");
        var after = await maker.GetAsync($"/payouts/refunds/{refundId}");
        Assert.Equal("CREATED", after["refund"]!["status"]!.GetValue<string>());
        Assert.True(app.CspViolations.Count == 0, string.Join("\n", app.CspViolations));
    }
}
