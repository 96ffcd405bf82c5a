using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Refunds.Bench;

/// <summary>
/// Figure 10: the bank-file rail, on its own database file and app process started with <c>Payouts:Rail=BankFile</c>.
/// Approved refunds are committed at once; one <c>POST /payout-files</c> puts them all in one pain.001 (timed to
/// its 201), then a pain.002 naming every one of them (1 in 100 rejected, the rest settled) is applied with one
/// <c>POST /payout-files/status-reports</c> (timed to its 201). Each counts only when the answer says it took
/// every refund. A small file and report go first, so neither figure is about the JIT.
/// </summary>
public static class BankFileRail
{
    private const int WarmUp = 100;

    public static async Task RunAsync(string dashboard, IReadOnlyDictionary<string, string> appSettings, DirectoryInfo work, Sizes sizes, Report report)
    {
        var database = Path.Combine(work.FullName, "bank-file.db");
        var settings = new Dictionary<string, string>(appSettings)
        {
            ["ConnectionStrings:Refunds"] = $"Data Source={database}",
            ["Payouts:Rail"] = "BankFile",
            ["BankFile:Debtor:Name"] = "Refunds Trading LLC",
            ["BankFile:Debtor:Iban"] = "AE180260001012345678901",
            ["BankFile:Debtor:Bic"] = "EBILAEAD",
        };
        // A start on the empty file creates the schema; the payments are then written straight into it.
        await using (await AppProcess.StartAsync(dashboard, settings, "Production")) { }
        var seeder = new Seeder(database);
        seeder.Payments(1, sizes.BankFileRefunds + WarmUp);
        try
        {
            await using var app = await AppProcess.StartAsync(dashboard, settings, "Production");
            using var checker = await RefundsApi.SignInAsync(app.BaseAddress, "integration-checker");
            using var http = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromMinutes(5) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", checker.AccessToken);

            await FileAndReportAsync(http, seeder.ApprovedRefunds(sizes.BankFileRefunds + 1, WarmUp));

            var ids = seeder.ApprovedRefunds(1, sizes.BankFileRefunds);
            var (file, fileTime, report9, reportTime) = await FileAndReportAsync(http, ids);
            var rejected = ids.Where(IsRejected).Count();
            report.Add(new Figure("10.file", $"Bank file: {ids.Count:N0} approved refunds into one pain.001", fileTime.TotalSeconds, "s", "< 3 s",
                fileTime.TotalSeconds < 3,
                $"{ids.Count:N0} APPROVED refunds committed at once on SQLite; one POST /payout-files (pain.001.001.09, {file["totals"]!.AsArray().Count} currency), " +
                $"client-side wall clock to the 201 answering {file["transaction_count"]} transactions; after a warm-up file of {WarmUp}"));
            report.Add(new Figure("10.report", $"Bank file: a pain.002 of {ids.Count:N0} transactions applied", reportTime.TotalSeconds, "s", "< 5 s",
                reportTime.TotalSeconds < 5,
                $"pain.002.001.10 naming every refund of the file ({ids.Count - rejected:N0} ACSC, {rejected:N0} RJCT AC04); one POST /payout-files/status-reports, " +
                $"client-side wall clock to the 201 answering {report9["accepted"]} accepted and {report9["rejected"]} rejected"));
        }
        finally
        {
            File.Delete(database);
        }
    }

    private static bool IsRejected(Guid id, int index) => index % 100 == 99;

    private static async Task<(JsonNode File, TimeSpan FileTime, JsonNode Report, TimeSpan ReportTime)> FileAndReportAsync(HttpClient http, IReadOnlyList<Guid> ids)
    {
        var (file, fileTime) = await PostAsync(http, "/payout-files", null);
        if (file["transaction_count"]?.GetValue<int>() != ids.Count)
            throw new InvalidOperationException($"POST /payout-files answered {file.ToJsonString()}; expected a file of {ids.Count:N0} refunds.");
        var xml = Pain002(file["message_id"]!.GetValue<string>(), ids);
        var (report, reportTime) = await PostAsync(http, "/payout-files/status-reports", new StringContent(xml, Encoding.UTF8, "application/xml"));
        var rejected = ids.Where(IsRejected).Count();
        if (report["accepted"]?.GetValue<int>() != ids.Count - rejected || report["rejected"]?.GetValue<int>() != rejected)
            throw new InvalidOperationException($"The status report answered {report.ToJsonString()}; expected {ids.Count - rejected:N0} accepted and {rejected:N0} rejected.");
        return (file, fileTime, report, reportTime);
    }

    private static async Task<(JsonNode Body, TimeSpan Elapsed)> PostAsync(HttpClient http, string path, HttpContent? content)
    {
        var clock = Stopwatch.StartNew();
        using var response = await http.PostAsync(path, content);
        var text = await response.Content.ReadAsStringAsync();
        var elapsed = clock.Elapsed;
        if (response.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}: {text}");
        return (JsonNode.Parse(text)!, elapsed);
    }

    private static string Pain002(string originalMessageId, IReadOnlyList<Guid> ids)
    {
        var xml = new StringBuilder();
        xml.Append($"""<?xml version="1.0" encoding="UTF-8"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.002.001.10"><CstmrPmtStsRpt>""");
        xml.Append($"""<GrpHdr><MsgId>STS-{originalMessageId}</MsgId><CreDtTm>2026-12-01T16:00:00Z</CreDtTm></GrpHdr>""");
        xml.Append($"""<OrgnlGrpInfAndSts><OrgnlMsgId>{originalMessageId}</OrgnlMsgId><OrgnlMsgNmId>pain.001.001.09</OrgnlMsgNmId><GrpSts>PART</GrpSts></OrgnlGrpInfAndSts>""");
        xml.Append($"""<OrgnlPmtInfAndSts><OrgnlPmtInfId>{originalMessageId}-1</OrgnlPmtInfId>""");
        for (var i = 0; i < ids.Count; i++)
        {
            xml.Append($"<TxInfAndSts><OrgnlEndToEndId>{ids[i]:N}</OrgnlEndToEndId>");
            xml.Append(IsRejected(ids[i], i) ? "<TxSts>RJCT</TxSts><StsRsnInf><Rsn><Cd>AC04</Cd></Rsn></StsRsnInf>" : "<TxSts>ACSC</TxSts>");
            xml.Append("</TxInfAndSts>");
        }
        xml.Append("</OrgnlPmtInfAndSts></CstmrPmtStsRpt></Document>");
        return xml.ToString();
    }
}
