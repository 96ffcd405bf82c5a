using Microsoft.Playwright;
using Refunds.E2E.Harness;
using Refunds.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace Refunds.E2E.Flows;

/// <summary>Two people at two desks: the initiator makes a refund, a reviewer decides it in another browser.</summary>
public class DecisionTests(E2EApp app) : IClassFixture<E2EApp>
{
    // The simulated bank settles in 2 s; leave room for a slow machine.
    private static readonly LocatorAssertionsToContainTextOptions BankTime = new() { Timeout = 20_000 };

    [Fact]
    public async Task An_approved_refund_moves_to_the_bank_and_completes_on_the_initiators_open_pages_without_a_reload()
    {
        using var maker = await RefundsApi.SignInAsync(app.BaseAddress, "integration-maker");
        var payment = await maker.SeedPaymentAsync(120m, reconciled: true);
        var initiator = await SignInPage.SignInAsync(await app.NewPageAsync(), "initiator");
        var refundId = await InitiateAsync(initiator, payment, "30.00");
        var detail = await RefundDetailPage.OpenAsync(initiator, refundId);
        await Expect(detail.Status).ToContainTextAsync("Awaiting approval");
        var queueTab = await app.NewTabAsync(initiator);
        var queue = await RefundsPage.OpenAsync(queueTab);
        await Expect(queue.LiveQueue).ToBeVisibleAsync();

        var approver = await SignInPage.SignInAsync(await app.NewPageAsync(), "approver", $"/refunds/{refundId}");
        await new RefundDetailPage(approver).ApproveAsync();

        // Both of the initiator's tabs follow on their own; neither is reloaded.
        await Task.WhenAll(
            Expect(detail.Status).ToContainTextAsync("With bank", BankTime),
            Expect(queue.LiveQueueRow(refundId)).ToContainTextAsync("With bank", BankTime));
        await Task.WhenAll(
            Expect(detail.Status).ToContainTextAsync("Completed", BankTime),
            Expect(queue.LiveQueueRow(refundId)).ToContainTextAsync("Completed", BankTime),
            Expect(queue.Row(refundId)).ToContainTextAsync("Completed", BankTime));
        await Expect(detail.Field("Actioned by")).ToContainTextAsync("Adam Approver");
        await E2EApp.ScreenshotAsync(initiator, "refund-completed-live-detail");
        await E2EApp.ScreenshotAsync(queueTab, "refund-completed-live-queue");
        Assert.True(app.CspViolations.Count == 0, string.Join("\n", app.CspViolations));
    }

    [Fact]
    public async Task A_rejected_refund_shows_its_reason_to_the_initiator_and_the_amount_is_refundable_again()
    {
        using var maker = await RefundsApi.SignInAsync(app.BaseAddress, "integration-maker");
        var payment = await maker.SeedPaymentAsync(90m, reconciled: true);
        var initiator = await SignInPage.SignInAsync(await app.NewPageAsync(), "initiator");
        var refundId = await InitiateAsync(initiator, payment, "40.00");
        var payments = new PaymentsPage(initiator);
        await Expect(await payments.CellAsync(payments.Row(payment.Reference), "Refundable")).ToHaveTextAsync("50.00");

        var approver = await SignInPage.SignInAsync(await app.NewPageAsync(), "approver", $"/refunds/{refundId}");
        var decision = new RefundDetailPage(approver);
        await decision.RejectAsync("The customer was refunded in store");
        await Expect(decision.Status).ToContainTextAsync("Rejected");

        var detail = await RefundDetailPage.OpenAsync(initiator, refundId);
        await Expect(detail.Status).ToContainTextAsync("Rejected");
        await Expect(detail.DecisionNote).ToHaveTextAsync("The customer was refunded in store");
        await Expect(detail.StillRefundable).ToHaveTextAsync("90.00 AED");
        await E2EApp.ScreenshotAsync(initiator, "refund-rejected-with-reason");
        payments = await PaymentsPage.OpenAsync(initiator);
        await payments.SearchForAsync(payment.Reference);
        await Expect(await payments.CellAsync(payments.Row(payment.Reference), "Refundable")).ToHaveTextAsync("90.00");
        var stored = await maker.GetAsync($"/payments/{payment.Id}");
        Assert.Equal(90m, stored["payment"]!["refundable_amount"]!.GetValue<decimal>());
        Assert.True(app.CspViolations.Count == 0, string.Join("\n", app.CspViolations));
    }

    /// <summary>The initiator's part, through the Payments tab; the page stays on Payments with the payment found.</summary>
    private static async Task<Guid> InitiateAsync(IPage page, SeededPayment payment, string amount)
    {
        var payments = new PaymentsPage(page);
        await payments.SearchForAsync(payment.Reference);
        var dialog = await payments.OpenConfirmRefundAsync(payment.Id);
        await dialog.FillAsync(amount, "CUSTOMER_REQUEST", reference: $"TICKET-{payment.Reference}");
        var refundId = await dialog.InitiateAsync();
        // The amount typed, not the refundable amount the field opened with (a run once showed the payment fully reserved).
        await Expect(dialog.Created).ToContainTextAsync($"Refund of {amount} AED");
        await dialog.DoneButton.ClickAsync();
        return refundId;
    }
}
