using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Refunds.E2E.Harness;
using Refunds.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace Refunds.E2E.Flows;

public class AccessibilityTests(E2EApp app) : IClassFixture<E2EApp>
{
    [Fact]
    public async Task Sign_in_overview_payments_confirm_refund_refunds_approval_policy_and_statements_have_no_serious_or_critical_accessibility_violations()
    {
        using var maker = await RefundsApi.SignInAsync(app.BaseAddress, "integration-maker");
        var payment = await maker.SeedPaymentAsync(100m, reconciled: true);
        await maker.SeedPaymentAsync(30m, reconciled: false);
        var created = await maker.SendAsync(HttpMethod.Post, "/payouts/refunds",
            new[] { new { payment_id = payment.Id, amount = 10m, reason_code = "CUSTOMER_REQUEST" } });
        var refundId = Guid.Parse(created[0]!["refund_id"]!.GetValue<string>());
        var found = new List<string>();
        var page = await app.NewPageAsync();

        await page.GotoAsync("/");
        await Expect(new SignInPage(page).Heading).ToBeVisibleAsync();
        found.AddRange(await ScanAsync(page, "sign-in"));
        await new SignInPage(page).SubmitAsync("initiator", "demo-password");
        await Blazor.UntilInteractiveAsync(page);
        var payments = new PaymentsPage(page);
        await Expect(payments.Row(payment.Reference)).ToBeVisibleAsync();
        found.AddRange(await ScanAsync(page, "Payments"));
        var dialog = await payments.OpenConfirmRefundAsync(payment.Id);
        found.AddRange(await ScanAsync(page, "Confirm Refund"));
        await dialog.CancelButton.ClickAsync();
        await new NavMenu(page).Refunds.ClickAsync();
        var refunds = new RefundsPage(page);
        await Expect(refunds.Row(refundId)).ToBeVisibleAsync();
        found.AddRange(await ScanAsync(page, "Refunds"));
        await refunds.Search.FillAsync("matches-no-refund");
        await Expect(refunds.Grid).ToContainTextAsync("No refunds match this status, search and dates.");
        found.AddRange(await ScanAsync(page, "Refunds, nothing found"));
        await refunds.Search.FillAsync("");
        await refunds.OpenRefundAsync(refundId);
        found.AddRange(await ScanAsync(page, "refund detail"));
        await new NavMenu(page).Overview.ClickAsync();
        var overview = new OverviewPage(page);
        await Expect(overview.Figure("AED", "created")).ToBeVisibleAsync();
        found.AddRange(await ScanAsync(page, "Overview, every currency"));
        await overview.ChooseCurrencyAsync("AED");
        await Expect(overview.DailyTable).ToBeAttachedAsync();
        found.AddRange(await ScanAsync(page, "Overview, one currency with its charts"));
        await page.GotoAsync("/settings/approval-policy");
        await Expect(page.GetByTestId("policy-active")).ToBeVisibleAsync();
        found.AddRange(await ScanAsync(page, "approval policy"));
        await new NavMenu(page).Statements.ClickAsync();
        var statements = new StatementsPage(page);
        await Expect(statements.Heading).ToBeVisibleAsync();
        found.AddRange(await ScanAsync(page, "Statements, none imported"));
        var unmatched = await maker.SeedPaymentAsync(64.10m, reconciled: false);
        var file = Path.Combine(Path.GetTempPath(), $"statement-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, "booking_date,amount,currency,reference,end_to_end_id,debtor_name,debtor_iban\n2026-11-30,64.10,AED,no reference,,Ahmed Haddad,\n");
        await statements.UploadAsync(file);
        await Expect(statements.Outcome).ToBeVisibleAsync();
        await Expect(statements.ChooseFile).ToBeEnabledAsync();
        // Only now: the browser reads a picked file from the disk as it is uploaded.
        File.Delete(file);
        found.AddRange(await ScanAsync(page, "Statements, uploaded"));
        var import = await statements.OpenImportAsync();
        await Expect(import.Line(1)).ToBeVisibleAsync();
        found.AddRange(await ScanAsync(page, "statement import"));
        await import.MatchByHand(1).ClickAsync();
        await Expect(import.Pick(1, unmatched.Reference)).ToBeVisibleAsync();
        found.AddRange(await ScanAsync(page, "match a line by hand"));
        // A reviewer's Refunds tab has more: row selection and the bulk actions.
        var approver = await SignInPage.SignInAsync(await app.NewPageAsync(), "approver", "/refunds");
        await Expect(new RefundsPage(approver).Row(refundId)).ToBeVisibleAsync();
        found.AddRange(await ScanAsync(approver, "Refunds (reviewer)"));

        await E2EApp.ScreenshotAsync(approver, "accessibility-refunds-reviewer");
        Assert.True(found.Count == 0, "Serious or critical accessibility violations:\n" + string.Join("\n", found));
        Assert.True(app.CspViolations.Count == 0, string.Join("\n", app.CspViolations));
    }

    /// <summary>Serious or critical axe violations of the page as it is now, and its tables without a name.</summary>
    internal static async Task<IEnumerable<string>> ScanAsync(IPage page, string view)
    {
        var result = await page.RunAxe();
        return result.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{view}: {v.Id} ({v.Impact}) {v.Help}: " +
                string.Join("; ", v.Nodes.Select(n => $"{n.Target} {n.Html}")))
            .Concat(await UnnamedTablesAsync(page, view));
    }

    // Axe has no rule for it, but a screen reader's list of tables is useless when they are all "table".
    private static async Task<IEnumerable<string>> UnnamedTablesAsync(IPage page, string view)
    {
        var unnamed = await page.Locator("table").EvaluateAllAsync<string[]>("""
            tables => tables
                .filter(t => !(t.getAttribute('aria-label')?.trim()
                    || (t.getAttribute('aria-labelledby') ?? '').split(/\s+/).some(id => document.getElementById(id)?.textContent.trim())
                    || t.querySelector(':scope > caption')?.textContent.trim()))
                .map(t => t.outerHTML.slice(0, 120))
            """);
        return unnamed.Select(html => $"{view}: a table without an accessible name: {html}");
    }
}
