using Microsoft.Playwright;
using Refunds.E2E.Harness;
using Refunds.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace Refunds.E2E.Flows;

public class RefundInitiationTests(E2EApp app) : IClassFixture<E2EApp>
{
    [Fact]
    public async Task An_initiator_finds_a_reconciled_payment_and_initiates_a_partial_refund_that_awaits_approval()
    {
        using var maker = await RefundsApi.SignInAsync(app.BaseAddress, "integration-maker");
        var payment = await maker.SeedPaymentAsync(250m, reconciled: true);
        var page = await SignInPage.SignInAsync(await app.NewPageAsync(), "initiator");
        var payments = new PaymentsPage(page);

        await payments.SearchForAsync(payment.Reference);
        var dialog = await payments.OpenConfirmRefundAsync(payment.Id);
        await Expect(dialog.Amount).ToHaveValueAsync("250.00");
        await dialog.FillAsync("75.50", "CUSTOMER_REQUEST", reference: "TICKET-4711", description: "Two of five items returned");
        var refundId = await dialog.InitiateAsync();

        await Expect(dialog.Created).ToContainTextAsync("Refund of 75.50 AED initiated");
        await dialog.DoneButton.ClickAsync();
        await Expect(await payments.CellAsync(payments.Row(payment.Reference), "Refundable")).ToHaveTextAsync("174.50");
        await new NavMenu(page).Refunds.ClickAsync();
        var refunds = new RefundsPage(page);
        await Expect(refunds.Row(refundId)).ToContainTextAsync("Awaiting approval");
        await Expect(refunds.Row(refundId)).ToContainTextAsync("75.50 AED");
        await E2EApp.ScreenshotAsync(page, "refund-initiated-awaiting-approval");
        var detail = await refunds.OpenRefundAsync(refundId);
        await Expect(detail.Field("Reference number")).ToHaveTextAsync("TICKET-4711");
        await Expect(detail.Field("Reason")).ToHaveTextAsync("CUSTOMER_REQUEST");
        Assert.True(app.CspViolations.Count == 0, string.Join("\n", app.CspViolations));
    }

    [Fact]
    public async Task An_unreconciled_payment_offers_no_refund_and_an_amount_above_the_refundable_is_refused()
    {
        using var maker = await RefundsApi.SignInAsync(app.BaseAddress, "integration-maker");
        var unreconciled = await maker.SeedPaymentAsync(40m, reconciled: false);
        var reconciled = await maker.SeedPaymentAsync(60m, reconciled: true);
        var page = await SignInPage.SignInAsync(await app.NewPageAsync(), "initiator");
        var payments = new PaymentsPage(page);

        await payments.SearchForAsync(unreconciled.Reference);
        await Expect(payments.UnavailableRefundAction(unreconciled.Id)).ToBeDisabledAsync();
        await Expect(payments.UnavailableRefundAction(unreconciled.Id)).ToHaveAccessibleNameAsync(
            $"Refund payment {unreconciled.Id} is unavailable: Refunds are only available for transactions that have been reconciled.");
        await Expect(payments.RefundAction(unreconciled.Id)).ToHaveCountAsync(0);

        await payments.SearchForAsync(reconciled.Reference);
        var dialog = await payments.OpenConfirmRefundAsync(reconciled.Id);
        await dialog.FillAsync("60.01", "ORDER_CANCELLED", reference: "TICKET-TOO-MUCH");
        await dialog.InitiateButton.ClickAsync();

        await Expect(dialog.Dialog).ToContainTextAsync("At most 60.00 AED can be refunded.");
        await Expect(dialog.Created).ToHaveCountAsync(0);
        await E2EApp.ScreenshotAsync(page, "refund-above-refundable-refused");
        var created = await maker.GetAsync($"/payouts/refunds?payment_id={reconciled.Id}");
        Assert.Equal(0, created["page"]!["total_elements"]!.GetValue<long>());
        var stored = await maker.GetAsync($"/payments/{reconciled.Id}");
        Assert.Equal(60m, stored["payment"]!["refundable_amount"]!.GetValue<decimal>());
        Assert.True(app.CspViolations.Count == 0, string.Join("\n", app.CspViolations));
    }
}
