using System.Text;
using Refunds.Core.BankFiles;
using Refunds.Core.Payouts.BankFile;
using Refunds.Dashboard.Tests.Support;

namespace Refunds.Dashboard.Tests.Core.Payouts.BankFile;

public class PaymentStatusReportReaderTests
{
    private static string Pain002(string version, string groupStatus, string blocks) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.002.001.{version}">
          <CstmrPmtStsRpt>
            <GrpHdr><MsgId>STS-20261201-1</MsgId><CreDtTm>2026-12-01T16:00:00Z</CreDtTm></GrpHdr>
            <OrgnlGrpInfAndSts><OrgnlMsgId>RF-20261201-0001</OrgnlMsgId><OrgnlMsgNmId>pain.001.001.09</OrgnlMsgNmId>{groupStatus}</OrgnlGrpInfAndSts>
            {blocks}
          </CstmrPmtStsRpt>
        </Document>
        """;

    private const string Transactions = """
        <OrgnlPmtInfAndSts>
          <OrgnlPmtInfId>RF-20261201-0001-1</OrgnlPmtInfId>
          <TxInfAndSts><OrgnlEndToEndId>0193a1b2c3d4e5f60718293a4b5c6d7e</OrgnlEndToEndId><TxSts>ACSC</TxSts></TxInfAndSts>
          <TxInfAndSts><OrgnlEndToEndId>0193a1b2c3d4e5f60718293a4b5c6d7f</OrgnlEndToEndId><TxSts>RJCT</TxSts>
            <StsRsnInf><Rsn><Cd>AC04</Cd></Rsn><AddtlInf>Account closed on 2026-11-28</AddtlInf></StsRsnInf></TxInfAndSts>
          <TxInfAndSts><OrgnlEndToEndId>0193a1b2c3d4e5f60718293a4b5c6d80</OrgnlEndToEndId><TxSts>ACSP</TxSts></TxInfAndSts>
        </OrgnlPmtInfAndSts>
        """;

    [Theory]
    [InlineData("03")]
    [InlineData("10")]
    public async Task A_pain_002_gives_each_transactions_outcome_with_the_iso_meaning_of_a_rejection(string version)
    {
        var report = await ReadAsync(Pain002(version, "<GrpSts>PART</GrpSts>", Transactions));

        Assert.Equal(($"pain.002.001.{version}", "STS-20261201-1", "RF-20261201-0001", null), (report.Format, report.MessageId, report.OriginalMessageId, report.GroupRejection));
        Assert.Equal(
            [(TransferOutcome.Settled, "ACSC", null), (TransferOutcome.Rejected, "RJCT", "AC04 Closed account number: Account closed on 2026-11-28"), (TransferOutcome.Pending, "ACSP", null)],
            report.Transfers.Select(t => (t.Outcome, t.StatusCode, t.Reason)));
        Assert.Equal("0193a1b2c3d4e5f60718293a4b5c6d7e", report.Transfers[0].EndToEndId);
    }

    [Fact]
    public async Task A_rejected_group_or_payment_block_is_reported_with_its_reason()
    {
        var group = await ReadAsync(Pain002("10", "<GrpSts>RJCT</GrpSts><StsRsnInf><Rsn><Cd>FF01</Cd></Rsn></StsRsnInf>", ""));
        var block = await ReadAsync(Pain002("10", "<GrpSts>PART</GrpSts>",
            "<OrgnlPmtInfAndSts><OrgnlPmtInfId>RF-20261201-0001-2</OrgnlPmtInfId><PmtInfSts>RJCT</PmtInfSts><StsRsnInf><Rsn><Cd>AM04</Cd></Rsn></StsRsnInf></OrgnlPmtInfAndSts>"));

        Assert.Equal(("FF01 Invalid file format", 0), (group.GroupRejection, group.Transfers.Count));
        Assert.Equal(new Dictionary<string, string> { ["RF-20261201-0001-2"] = "AM04 Insufficient funds" }, block.RejectedBlocks);
    }

    [Fact]
    public async Task A_camt_054_debit_notification_settles_booked_debits_by_end_to_end_id_and_leaves_credits_alone()
    {
        var notification = $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.08"><BkToCstmrDbtCdtNtfctn>
              <GrpHdr><MsgId>NTF-1</MsgId><CreDtTm>2026-12-01T17:00:00Z</CreDtTm></GrpHdr>
              <Ntfctn><Id>NTF-20261201</Id><Acct><Id><IBAN>AE180260001012345678901</IBAN></Id></Acct>
                {Entry("DBIT", "BOOK", "0193a1b2c3d4e5f60718293a4b5c6d7e")}
                {Entry("DBIT", "PDNG", "0193a1b2c3d4e5f60718293a4b5c6d80")}
                {Entry("CRDT", "BOOK", "0193a1b2c3d4e5f60718293a4b5c6d81")}
              </Ntfctn></BkToCstmrDbtCdtNtfctn></Document>
            """;
        Assert.Empty(Iso20022Schema.ErrorsOf(new MemoryStream(Encoding.UTF8.GetBytes(notification.Trim())), "camt.054.001.08"));

        var report = await ReadAsync(notification);

        Assert.Equal(("camt.054.001.08", "NTF-20261201"), (report.Format, report.MessageId));
        Assert.Equal([("0193a1b2c3d4e5f60718293a4b5c6d7e", TransferOutcome.Settled), ("0193a1b2c3d4e5f60718293a4b5c6d80", TransferOutcome.Pending)],
            report.Transfers.Select(t => (t.EndToEndId, t.Outcome)));
    }

    [Theory]
    [InlineData("""<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt/></Document>""", "not a pain.002 status report")]
    [InlineData("""<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.002.001.10"><CstmrPmtStsRpt><GrpHdr><MsgId>M</MsgId></GrpHdr><OrgnlPmtInfAndSts><TxInfAndSts><OrgnlEndToEndId>x</OrgnlEndToEndId><TxSts>DONE</TxSts></TxInfAndSts></OrgnlPmtInfAndSts></CstmrPmtStsRpt></Document>""", "'DONE', which is not an ISO 20022 transaction status")]
    [InlineData("""<?xml version="1.0"?><!DOCTYPE d [<!ENTITY e SYSTEM "file:///etc/passwd">]><Document>&e;</Document>""", "DTD")]
    public async Task A_file_that_is_not_a_status_report_is_refused_saying_why(string xml, string saying)
    {
        var refused = await Assert.ThrowsAsync<BankFileException>(() => ReadAsync(xml));

        Assert.Contains(saying, refused.Message);
    }

    private static string Entry(string creditDebit, string status, string endToEndId) => $"""
        <Ntry><Amt Ccy="AED">10.00</Amt><CdtDbtInd>{creditDebit}</CdtDbtInd><Sts><Cd>{status}</Cd></Sts><BookgDt><Dt>2026-12-01</Dt></BookgDt>
          <BkTxCd><Prtry><Cd>NTRF</Cd></Prtry></BkTxCd>
          <NtryDtls><TxDtls><Refs><EndToEndId>{endToEndId}</EndToEndId></Refs></TxDtls></NtryDtls></Ntry>
        """;

    private static async Task<PaymentStatusReport> ReadAsync(string xml)
    {
        await using var stream = new MemoryStream(Encoding.UTF8.GetBytes(xml.Trim()));
        return await PaymentStatusReportReader.ReadAsync(stream);
    }
}
