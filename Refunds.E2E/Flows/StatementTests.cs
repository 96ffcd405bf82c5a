using Microsoft.Playwright;
using Refunds.E2E.Harness;
using Refunds.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace Refunds.E2E.Flows;

public class StatementTests(E2EApp app) : IClassFixture<E2EApp>
{
    [Fact]
    public async Task An_initiator_uploads_a_statement_matches_its_unmatched_line_by_hand_and_the_payment_shows_reconciled()
    {
        using var feed = await RefundsApi.SignInAsync(app.BaseAddress, "integration-maker");
        var named = await feed.SeedPaymentAsync(51.40m, reconciled: false);
        var unnamed = await feed.SeedPaymentAsync(73.25m, reconciled: false);
        var file = Path.Combine(Path.GetTempPath(), $"statement-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, $"""
            booking_date,amount,currency,reference,end_to_end_id,debtor_name,debtor_iban
            2026-11-30,51.40,AED,Order {named.Reference},,Ahmed Haddad,
            2026-11-30,73.25,AED,transfer without a reference,,Ahmed Haddad,

            """);
        try
        {
            var page = await SignInPage.SignInAsync(await app.NewPageAsync(), "initiator");

            await new NavMenu(page).Statements.ClickAsync();
            var statements = new StatementsPage(page);
            await Expect(statements.ChooseFile).ToBeEnabledAsync();
            // A file dragged over the zone brings up the input that takes the drop (a drop itself cannot be scripted).
            var drag = new { dataTransfer = await page.EvaluateHandleAsync("() => new DataTransfer()") };
            await statements.DropZone.DispatchEventAsync("dragenter", drag);
            await Expect(statements.FileInput).ToBeVisibleAsync();
            await statements.FileInput.DispatchEventAsync("dragleave", drag);
            await Expect(statements.FileInput).ToBeHiddenAsync();

            await statements.UploadAsync(file);

            await Expect(statements.Counts).ToHaveTextAsync("2: 1 matched, 0 already reconciled, 0 ambiguous, 1 unmatched, 0 ignored");
            await Expect(statements.Imports).ToContainTextAsync("csv");
            await E2EApp.ScreenshotAsync(page, "statement-uploaded");
            var import = await statements.OpenImportAsync();
            await import.Filter("Unmatched").ClickAsync();
            await Expect(import.Line(2)).ToContainTextAsync("73.25 AED");
            await import.MatchByHand(2).ClickAsync();
            await import.Pick(2, unnamed.Reference).ClickAsync();
            await Expect(import.ConfirmDialog).ToContainTextAsync("cannot be undone");
            await import.ConfirmNote.FillAsync("Customer paid without a reference; confirmed by phone");
            await import.ConfirmMatch.ClickAsync();

            await Expect(import.LinesEmpty).ToHaveTextAsync("No unmatched lines: nothing here waits for a match.");
            await Expect(import.Filter("Matched")).ToHaveTextAsync("Matched (2)");
            await E2EApp.ScreenshotAsync(page, "statement-line-matched-by-hand");
            await new NavMenu(page).Payments.ClickAsync();
            var payments = new PaymentsPage(page);
            await payments.SearchForAsync(unnamed.Reference);
            await Expect(await payments.CellAsync(payments.Row(unnamed.Reference), "Reconciliation")).ToContainTextAsync("Reconciled");
            await Expect(payments.Row(unnamed.Reference).GetByRole(AriaRole.Link, new() { Name = "from statement" })).ToBeVisibleAsync();
            var stored = await feed.GetAsync($"/payments/{unnamed.Id}");
            Assert.NotNull(stored["payment"]!["statement_id"]);
            Assert.True(app.CspViolations.Count == 0, string.Join("\n", app.CspViolations));
        }
        finally
        {
            File.Delete(file);
        }
    }
}
