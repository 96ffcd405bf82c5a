using System.Xml.Linq;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Refunds.E2E.Harness;
using Refunds.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace Refunds.E2E.Flows;

/// <summary>The bank-file rail from end to end: approvals wait for a file, the file goes to the bank, its report comes back.</summary>
public class BankFileTests(E2EApp.OnBankFileRail app) : IClassFixture<E2EApp.OnBankFileRail>
{
    [Fact]
    public async Task Two_approved_refunds_go_in_a_file_and_a_pain_002_settles_one_and_fails_the_other_on_open_pages()
    {
        using var maker = await RefundsApi.SignInAsync(app.BaseAddress, "integration-maker");
        var refunds = new List<Guid>();
        foreach (var amount in new[] { 25m, 15m })
        {
            var payment = await maker.SeedPaymentAsync(100m, reconciled: true);
            var created = await maker.SendAsync(HttpMethod.Post, "/payouts/refunds",
                new[] { new { payment_id = payment.Id, amount, reason_code = "CUSTOMER_REQUEST" } });
            refunds.Add(created[0]!["refund_id"]!.GetValue<Guid>());
        }
        var (paid, closed) = (refunds[0], refunds[1]);

        var approver = await SignInPage.SignInAsync(await app.NewPageAsync(), "approver", $"/refunds/{paid}");
        await new RefundDetailPage(approver).ApproveAsync();
        var closedDetail = await RefundDetailPage.OpenAsync(approver, closed);
        await closedDetail.ApproveAsync();
        await Expect(closedDetail.Status).ToContainTextAsync("Approved");
        // A second tab stays on the refund that the bank will reject: it must follow without a reload.
        var watching = await RefundDetailPage.OpenAsync(await app.NewTabAsync(approver), closed);

        await new NavMenu(approver).PayoutFiles.ClickAsync();
        var files = new PayoutFilesPage(approver);
        await Blazor.UntilInteractiveAsync(approver);
        await files.CreateFile.ClickAsync();
        await Expect(files.Status(files.FirstRow)).ToHaveTextAsync("created");
        await Expect(watching.Status).ToContainTextAsync("With bank");

        var download = await approver.RunAndWaitForDownloadAsync(() => files.Download(files.FirstRow).ClickAsync());
        var pain001 = XDocument.Load(await download.PathAsync());
        XNamespace ns = "urn:iso:std:iso:20022:tech:xsd:pain.001.001.09";
        var messageId = pain001.Descendants(ns + "MsgId").Single().Value;
        Assert.Equal($"{messageId}.xml", download.SuggestedFilename);
        Assert.Equal(refunds.Select(r => r.ToString("N")).Order(), pain001.Descendants(ns + "EndToEndId").Select(e => e.Value).Order());

        var report = Path.Combine(Path.GetTempPath(), $"pain002-{Guid.NewGuid():N}.xml");
        await File.WriteAllTextAsync(report, $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.002.001.10"><CstmrPmtStsRpt>
              <GrpHdr><MsgId>STS-E2E-1</MsgId><CreDtTm>2026-12-01T16:00:00Z</CreDtTm></GrpHdr>
              <OrgnlGrpInfAndSts><OrgnlMsgId>{messageId}</OrgnlMsgId><OrgnlMsgNmId>pain.001.001.09</OrgnlMsgNmId><GrpSts>PART</GrpSts></OrgnlGrpInfAndSts>
              <OrgnlPmtInfAndSts><OrgnlPmtInfId>{messageId}-1</OrgnlPmtInfId>
                <TxInfAndSts><OrgnlEndToEndId>{paid:N}</OrgnlEndToEndId><TxSts>ACSC</TxSts></TxInfAndSts>
                <TxInfAndSts><OrgnlEndToEndId>{closed:N}</OrgnlEndToEndId><TxSts>RJCT</TxSts><StsRsnInf><Rsn><Cd>AC04</Cd></Rsn></StsRsnInf></TxInfAndSts>
              </OrgnlPmtInfAndSts>
            </CstmrPmtStsRpt></Document>
            """);
        try
        {
            await files.UploadReportAsync(report);

            await Expect(files.ReportCounts).ToHaveTextAsync("1 accepted, 1 rejected, 0 pending, 0 unknown");
            await Expect(files.Status(files.Row(messageId))).ToHaveTextAsync("settled");
            await Expect(watching.Status).ToContainTextAsync("Failed");
            await Expect(watching.Field("Failure reason")).ToContainTextAsync("AC04 Closed account number");
            await E2EApp.ScreenshotAsync(approver, "payout-file-settled");
            // Scanned without the approvals' snackbar, which is the Refunds tab's (a reload puts it away).
            await approver.ReloadAsync();
            await Blazor.UntilInteractiveAsync(approver);
            await Expect(files.Status(files.Row(messageId))).ToHaveTextAsync("settled");
            var axe = await approver.RunAxe();
            var serious = axe.Violations.Where(v => v.Impact is "serious" or "critical")
                .Select(v => $"{v.Id} ({v.Impact}) {v.Help}: {string.Join("; ", v.Nodes.Select(n => n.Html))}").ToList();
            Assert.True(serious.Count == 0, "Serious or critical accessibility violations on the Payout files tab:\n" + string.Join("\n", serious));
            var settled = await maker.GetAsync($"/payouts/refunds/{paid}");
            Assert.Equal("ACCEPTED_BY_BANK", settled["refund"]!["status"]!.GetValue<string>());
            Assert.True(app.CspViolations.Count == 0, string.Join("\n", app.CspViolations));
        }
        finally
        {
            File.Delete(report);
        }
    }
}
