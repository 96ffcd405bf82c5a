using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using Refunds.Core.Payouts.BankFile;
using Refunds.Core.Refunds;
using Refunds.Dashboard.Components.Pages.PayoutFiles;
using Refunds.Dashboard.Components.Pages.Refunds;
using Refunds.Dashboard.Tests.Support;
using static Refunds.Dashboard.Tests.Support.BankReports;
using static Refunds.Dashboard.Tests.Support.EngineHarness;

namespace Refunds.Dashboard.Tests.Components.PayoutFiles;

public class PayoutFilesPageTests : DashboardTestContext
{
    public PayoutFilesPageTests() => BankFileRail.Use()(Services);

    private global::Refunds.Core.Payouts.BankFile.PayoutFiles Files => Services.GetRequiredService<global::Refunds.Core.Payouts.BankFile.PayoutFiles>();

    private async Task<Guid> ApprovedAsync(decimal amount = 10m)
    {
        var refund = await Engine.RefundAsync(await Engine.PaymentAsync(), amount);
        await Engine.Refunds.DecideAsync(Checker, [new RefundDecision(refund.Id, RefundStatus.Approved)]);
        return refund.Id;
    }

    private IRenderedComponent<PayoutFilesPage> RenderPage(Guid? fileId = null)
    {
        RenderProviders();
        return Render<PayoutFilesPage>(p => p.Add(x => x.FileId, fileId));
    }

    private static string StatusOf(IRenderedComponent<PayoutFilesPage> page) => page.Find("[data-testid=file-status]").TextContent.Trim();

    [Fact]
    public async Task An_approver_creates_a_file_sees_its_totals_and_marks_it_sent()
    {
        await ApprovedAsync(12.5m);
        await ApprovedAsync(7m);
        SignInAsReviewer();
        var page = RenderPage();
        page.WaitForElement("[data-testid=files-empty]");

        page.Find("#create-file").Click();

        page.WaitForAssertion(() => Assert.Equal("created", StatusOf(page)));
        Assert.Equal("19.50 AED", page.Find("[data-testid=file-totals]").TextContent.Trim());
        var fileId = Guid.Parse(page.Find("[data-testid=file-row]").GetAttribute("data-file")!);
        Assert.Equal($"/exports/payout-files/{fileId}", page.Find($"#download-{fileId}").GetAttribute("href"));

        page.Find($"#sent-{fileId}").Click();

        page.WaitForAssertion(() => Assert.Equal("sent", StatusOf(page)));
        Assert.Empty(page.FindAll($"#void-{fileId}"));
    }

    [Fact]
    public async Task Voiding_asks_first_and_returns_the_refunds_to_approved()
    {
        var refund = await ApprovedAsync();
        var file = await Files.CreateAsync(Checker);
        SignInAsReviewer();
        var page = RenderPage();

        page.WaitForElement($"#void-{file.Id}").Click();
        Dialogs.WaitForAssertion(() => Assert.Contains($"Void {file.MessageId}?", Dialogs.Markup));
        Assert.Equal("created", StatusOf(page));
        Dialogs.FindAll("button").Single(b => b.TextContent.Contains("Void file")).Click();

        page.WaitForAssertion(() => Assert.Equal("voided", StatusOf(page)));
        Assert.Equal(RefundStatus.Approved, (await Engine.RefundByIdAsync(refund)).Status);
    }

    [Fact]
    public async Task An_uploaded_status_report_shows_its_outcome_and_the_file_follows()
    {
        var (paid, closed) = (await ApprovedAsync(), await ApprovedAsync());
        var file = await Files.CreateAsync(Checker);
        SignInAsReviewer();
        var page = RenderPage();
        page.WaitForElement("[data-testid=file-row]");
        var report = Pain002("10", file.MessageId, [new Status(paid, "ACSC"), new Status(closed, "RJCT", "AC04")]);

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(report.Trim(), "status.xml", contentType: "application/xml"));

        page.WaitForAssertion(() => Assert.Equal("1 accepted, 1 rejected, 0 pending, 0 unknown", page.Find("[data-testid=report-counts]").TextContent.Trim()));
        page.WaitForAssertion(() => Assert.Equal("settled", StatusOf(page)));
        Assert.Equal("AC04 Closed account number", (await Engine.RefundByIdAsync(closed)).FailureReason);

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(report.Trim(), "status.xml", contentType: "application/xml"));

        page.WaitForAssertion(() => Assert.Contains("was applied before", page.Find("[data-testid=report-outcome]").TextContent));
    }

    [Fact]
    public async Task A_file_that_is_no_status_report_is_refused_saying_why()
    {
        SignInAsReviewer();
        var page = RenderPage();
        page.WaitForElement("[data-testid=files-empty]");

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("<Document/>", "statement.xml", contentType: "application/xml"));

        page.WaitForAssertion(() => Assert.Contains("statement.xml was not applied", page.Find("[data-testid=payout-files-error]").TextContent));
    }

    [Fact]
    public async Task A_viewer_reads_files_and_their_refunds_but_has_no_actions()
    {
        var refund = await ApprovedAsync();
        var file = await Files.CreateAsync(Checker);
        SignInAsViewer();

        var page = RenderPage(file.Id);

        page.WaitForAssertion(() => Assert.Equal("PENDING_WITH_BANK", page.Find("[data-testid=file-refund-status]").TextContent.Trim()));
        Assert.Equal($"/refunds/{refund}", page.Find("[data-testid=file-refund] a").GetAttribute("href"));
        Assert.Empty(page.FindAll("#create-file"));
        Assert.Empty(page.FindAll($"#sent-{file.Id}"));
        Assert.Empty(page.FindAll($"#void-{file.Id}"));
        Assert.Single(page.FindAll($"#download-{file.Id}"));
    }

    [Fact]
    public async Task A_refunds_page_links_to_the_file_that_pays_it()
    {
        var refund = await ApprovedAsync();
        var file = await Files.CreateAsync(Checker);
        SignInAsViewer();
        RenderProviders();

        var page = Render<RefundDetailPage>(p => p.Add(x => x.Id, refund));

        page.WaitForAssertion(() => Assert.Equal($"/bank-files/{file.Id}", page.Find("#payout-file-link").GetAttribute("href")));
        Assert.Equal(file.MessageId, page.Find("#payout-file-link").TextContent);
    }
}
