using Microsoft.Playwright;
using Refunds.E2E.Harness;
using Refunds.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace Refunds.E2E.Flows;

/// <summary>A refund of 15,000 AED under the default policy: two different reviewers, then the bank, followed live by the initiator.</summary>
public class ApprovalTests(E2EApp app) : IClassFixture<E2EApp>
{
    private static readonly LocatorAssertionsToContainTextOptions BankTime = new() { Timeout = 20_000 };

    [Fact]
    public async Task A_large_refund_waits_for_a_second_reviewer_and_the_initiator_sees_it_paid_without_a_reload()
    {
        using var maker = await RefundsApi.SignInAsync(app.BaseAddress, "integration-maker");
        var payment = await maker.SeedPaymentAsync(20_000m, reconciled: true);
        var initiator = await SignInPage.SignInAsync(await app.NewPageAsync(), "initiator");
        var payments = new PaymentsPage(initiator);
        await payments.SearchForAsync(payment.Reference);
        var dialog = await payments.OpenConfirmRefundAsync(payment.Id);
        await dialog.FillAsync("15000.00", "CUSTOMER_REQUEST");
        await Expect(initiator.GetByTestId("approvals-needed")).ToContainTextAsync("needs 2 approvals");
        var refundId = await dialog.InitiateAsync();
        await dialog.DoneButton.ClickAsync();
        var detail = await RefundDetailPage.OpenAsync(initiator, refundId);

        var approver = await SignInPage.SignInAsync(await app.NewPageAsync(), "approver", $"/refunds/{refundId}");
        var first = new RefundDetailPage(approver);
        await first.ApproveAsync();
        await Expect(first.Status).ToContainTextAsync("Awaiting approval");
        await Expect(first.Field("Approvals")).ToContainTextAsync("1 of 2 approvals");
        await Expect(first.RefundButton).ToBeDisabledAsync();
        await Expect(approver.GetByTestId("why-not-decide")).ToContainTextAsync("You already approved this refund");
        await Expect(detail.Field("Approvals")).ToContainTextAsync("Adam Approver");

        var approver2 = await SignInPage.SignInAsync(await app.NewPageAsync(), "approver2", $"/refunds/{refundId}");
        await new RefundDetailPage(approver2).ApproveAsync();

        await Expect(detail.Status).ToContainTextAsync("Completed", BankTime);
        await Expect(detail.Field("Approvals")).ToContainTextAsync("Aisha Approver");
        await E2EApp.ScreenshotAsync(initiator, "refund-two-approvals-completed");
        Assert.True(app.CspViolations.Count == 0, string.Join("\n", app.CspViolations));
    }
}

/// <summary>Settings → Approval policy: one admin proposes, the other puts it in force.</summary>
public class ApprovalPolicyChangeTests(E2EApp app) : IClassFixture<E2EApp>
{
    [Fact]
    public async Task An_admin_proposes_a_policy_and_a_second_admin_approves_it()
    {
        var admin = await SignInPage.SignInAsync(await app.NewPageAsync(), "admin", "/settings/approval-policy");
        await Blazor.UntilInteractiveAsync(admin);
        await admin.Locator(".tier-draft .draft-approvals input").First.FillAsync("3");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Propose", Exact = true }).ClickAsync();
        var proposal = admin.GetByTestId("policy-proposal");
        await Expect(proposal).ToContainTextAsync("awaiting another admin's approval");
        await Expect(admin.GetByRole(AriaRole.Button, new() { Name = "Approve and put in force" })).ToBeDisabledAsync();

        var admin2 = await SignInPage.SignInAsync(await app.NewPageAsync(), "admin2", "/settings/approval-policy");
        await Blazor.UntilInteractiveAsync(admin2);
        await admin2.GetByRole(AriaRole.Button, new() { Name = "Approve and put in force" }).ClickAsync();

        await Expect(admin2.GetByTestId("policy-active")).ToContainTextAsync("Version 2, proposed by Amal Admin");
        await Expect(admin2.GetByTestId("policy-active")).ToContainTextAsync("approved by Anwar Admin");
        await E2EApp.ScreenshotAsync(admin2, "approval-policy-version-2");
        Assert.True(app.CspViolations.Count == 0, string.Join("\n", app.CspViolations));
    }
}
