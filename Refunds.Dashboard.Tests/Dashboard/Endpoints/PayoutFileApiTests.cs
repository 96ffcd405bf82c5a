using System.Net;
using System.Net.Http.Json;
using System.Text;
using Refunds.Dashboard.Tests.Support;
using static Refunds.Dashboard.Tests.Support.ApiFactory;
using static Refunds.Dashboard.Tests.Support.BankReports;

namespace Refunds.Dashboard.Tests.Dashboard.Endpoints;

public class PayoutFileApiTests(ApiFactory.OnBankFileRail api) : IClassFixture<ApiFactory.OnBankFileRail>
{
    private async Task<Guid> ApprovedAsync(decimal amount = 10m)
    {
        var refund = await api.RefundAsync(await api.PaymentAsync(), amount);
        var decided = await (await api.Checker()).PutAsJsonAsync("/payouts/refunds", new[] { new { refund_id = refund, status = "APPROVED" } });
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        return refund;
    }

    // Tests share the app: approved refunds another test left behind go in a file of their own first.
    private async Task FileWhatIsWaitingAsync() => await (await api.Checker()).PostAsync("/payout-files", null);

    private static StringContent Xml(string xml) => new(xml.Trim(), Encoding.UTF8, "application/xml");

    [Fact]
    public async Task Approved_refunds_go_in_a_file_whose_xml_downloads_and_a_pain_002_settles_one_and_fails_the_other()
    {
        await FileWhatIsWaitingAsync();
        var (paid, closed) = (await ApprovedAsync(12.5m), await ApprovedAsync(7m));
        var checker = await api.Checker();

        var created = await checker.PostAsync("/payout-files", null);
        var file = await Json(created);
        var download = await checker.GetAsync($"/payout-files/{file["file_id"]}/content");
        var xml = await download.Content.ReadAsByteArrayAsync();
        var report = Pain002("10", file["message_id"]!.GetValue<string>(), [new Status(paid, "ACSC"), new Status(closed, "RJCT", "AC04")]);
        var applied = await checker.PostAsync("/payout-files/status-reports", Xml(report));
        var again = await checker.PostAsync("/payout-files/status-reports", Xml(report));
        var detail = await Json(await checker.GetAsync($"/payout-files/{file["file_id"]}"));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/payout-files/{file["file_id"]}", created.Headers.Location!.ToString());
        Assert.Equal(("CREATED", "pain.001.001.09", 2), (file["status"]!.GetValue<string>(), file["format"]!.GetValue<string>(), file["transaction_count"]!.GetValue<int>()));
        Assert.Equal(("AED", 2, 19.5m), (file["totals"]![0]!["currency"]!.GetValue<string>(), file["totals"]![0]!["count"]!.GetValue<int>(), file["totals"]![0]!["amount"]!.GetValue<decimal>()));
        Assert.Equal("application/xml", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal($"{file["message_id"]}.xml", download.Content.Headers.ContentDisposition!.FileName);
        Assert.Empty(Iso20022Schema.ErrorsOf(new MemoryStream(xml), "pain.001.001.09"));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(xml)), file["sha256"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.Created, applied.StatusCode);
        var outcome = await Json(applied);
        Assert.Equal(("pain.002.001.10", 1, 1, 0, 0, false), (outcome["format"]!.GetValue<string>(), outcome["accepted"]!.GetValue<int>(), outcome["rejected"]!.GetValue<int>(),
            outcome["pending"]!.GetValue<int>(), outcome["unknown"]!.AsArray().Count, outcome["already_applied"]!.GetValue<bool>()));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal((outcome["report_id"]!.ToString(), true), ((await Json(again))["report_id"]!.ToString(), (await Json(again))["already_applied"]!.GetValue<bool>()));

        Assert.Equal("ACCEPTED_BY_BANK", (await api.LeanRefundAsync(paid))["status"]!.GetValue<string>());
        var failed = await api.LeanRefundAsync(closed);
        Assert.Equal("FAILED", failed["status"]!.GetValue<string>());
        Assert.Contains("AC04 Closed account number", failed.ToJsonString());
        Assert.Equal(("SETTLED", "integration-checker"), (detail["status"]!.GetValue<string>(), detail["sent_by"]!.GetValue<string>()));
        Assert.Equal(new[] { paid, closed }.Order(), detail["refunds"]!.AsArray().Select(r => r!["refund_id"]!.GetValue<Guid>()).Order());
    }

    [Fact]
    public async Task A_file_is_voided_until_it_is_sent_and_its_refunds_go_back_to_approved()
    {
        await FileWhatIsWaitingAsync();
        var refund = await ApprovedAsync();
        var checker = await api.Checker();
        var voided = await Json(await checker.PostAsync("/payout-files", null));
        await ApprovedAsync();
        var sent = await Json(await checker.PostAsync("/payout-files", null));

        var voiding = await checker.PostAsync($"/payout-files/{voided["file_id"]}/void", null);
        var sending = await checker.PostAsync($"/payout-files/{sent["file_id"]}/sent", null);

        Assert.Equal(("VOIDED", "integration-checker"), ((await Json(voiding))["status"]!.GetValue<string>(), (await Json(voiding))["voided_by"]!.GetValue<string>()));
        Assert.Equal("SENT", (await Json(sending))["status"]!.GetValue<string>());
        Assert.Equal("APPROVED", (await api.LeanRefundAsync(refund))["status"]!.GetValue<string>());
        await AssertError(await checker.PostAsync($"/payout-files/{sent["file_id"]}/void", null), HttpStatusCode.Conflict, "INVALID_STATUS_TRANSITION");
        var withdrawn = await Json(await checker.GetAsync($"/payout-files/{voided["file_id"]}"));
        Assert.True(withdrawn["refunds"]![0]!["withdrawn"]!.GetValue<bool>());
        Assert.Contains((await Json(await checker.GetAsync("/payout-files?size=500")))["content"]!.AsArray(), f => f!["file_id"]!.ToString() == voided["file_id"]!.ToString());
    }

    [Fact]
    public async Task Nothing_to_file_an_unknown_file_and_a_report_that_is_not_xml_are_refused_in_the_api_shape()
    {
        var checker = await api.Checker();
        await FileWhatIsWaitingAsync();

        await AssertError(await checker.PostAsync("/payout-files", null), HttpStatusCode.Conflict, "NO_REFUNDS_TO_FILE");
        await AssertError(await checker.GetAsync($"/payout-files/{Guid.NewGuid()}"), HttpStatusCode.NotFound, "PAYOUT_FILE_NOT_FOUND");
        await AssertError(await checker.GetAsync($"/payout-files/{Guid.NewGuid()}/content"), HttpStatusCode.NotFound, "PAYOUT_FILE_NOT_FOUND");
        await AssertError(await checker.GetAsync("/payout-files/not-an-id"), HttpStatusCode.BadRequest, "INVALID_REQUEST");
        await AssertError(await checker.PostAsync("/payout-files/status-reports", Raw("{}")), HttpStatusCode.UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE");
        await AssertError(await checker.PostAsync("/payout-files/status-reports", Xml("<Document/>")), HttpStatusCode.BadRequest, "INVALID_BANK_FILE");
    }

    [Fact]
    public async Task A_status_report_larger_than_an_api_batch_is_taken_up_to_its_own_limit()
    {
        var strangers = Enumerable.Range(0, 12_000).Select(_ => new Status(Guid.NewGuid(), "ACSC")).ToList();
        var report = Xml(Pain002("10", "RF-UNKNOWN", strangers, messageId: $"STS-{Guid.NewGuid():N}"));
        Assert.True(report.Headers.ContentLength > 1024 * 1024);

        var applied = await (await api.Checker()).PostAsync("/payout-files/status-reports", report);

        Assert.Equal(HttpStatusCode.Created, applied.StatusCode);
        Assert.Equal(12_000, (await Json(applied))["unknown"]!.AsArray().Count);
    }

    [Fact]
    public async Task Writes_need_the_approve_scope_and_reads_the_read_scope()
    {
        var maker = await api.Maker();

        await AssertError(await maker.PostAsync("/payout-files", null), HttpStatusCode.Forbidden, "OPERATION_NOT_ALLOWED");
        await AssertError(await maker.PostAsync("/payout-files/status-reports", Xml(Pain002("10", "X", []))), HttpStatusCode.Forbidden, "OPERATION_NOT_ALLOWED");
        Assert.Equal(HttpStatusCode.OK, (await maker.GetAsync("/payout-files")).StatusCode);
        await AssertError(await api.CreateClient().GetAsync("/payout-files"), HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }
}

public class BankFileRailStartupTests
{
    private sealed class WithoutDebtor : DashboardFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Payouts:Rail", "BankFile"), new("BankFile:Debtor:Iban", "AE00 NOT AN IBAN")];
    }

    [Fact]
    public async Task The_app_refuses_to_start_on_the_bank_file_rail_without_a_valid_debtor_iban()
    {
        await using var app = new WithoutDebtor();

        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains("BankFile:Debtor:Iban", error.Message);
    }
}
