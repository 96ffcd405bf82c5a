using System.Globalization;
using System.Text;
using Refunds.Core.Payouts.BankFile;

namespace Refunds.Dashboard.Tests.Support;

/// <summary>What a bank sends back about a payout file, written for tests: pain.002 status reports and camt.054 debit notifications.</summary>
public static class BankReports
{
    /// <summary>One transaction's status in a pain.002: <c>ACSC</c>, <c>RJCT</c> (with a reason code), <c>ACSP</c>...</summary>
    public sealed record Status(Guid RefundId, string Code, string? Reason = null);

    public static string Pain002(string version, string originalMessageId, IEnumerable<Status> statuses, string? groupStatus = null,
        string? groupReason = null, string messageId = "STS-1", string? block = null) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.002.001.{version}">
          <CstmrPmtStsRpt>
            <GrpHdr><MsgId>{messageId}</MsgId><CreDtTm>2026-11-20T16:00:00Z</CreDtTm></GrpHdr>
            <OrgnlGrpInfAndSts><OrgnlMsgId>{originalMessageId}</OrgnlMsgId><OrgnlMsgNmId>pain.001.001.09</OrgnlMsgNmId>{(groupStatus is null ? "" : $"<GrpSts>{groupStatus}</GrpSts>")}{Reason(groupReason)}</OrgnlGrpInfAndSts>
            {(statuses.Any() || block is not null ? $"<OrgnlPmtInfAndSts><OrgnlPmtInfId>{block ?? originalMessageId + "-1"}</OrgnlPmtInfId>{(block is null ? "" : "<PmtInfSts>RJCT</PmtInfSts>" + Reason("AM04"))}{string.Concat(statuses.Select(Transaction))}</OrgnlPmtInfAndSts>" : "")}
          </CstmrPmtStsRpt>
        </Document>
        """;

    /// <summary>A camt.054 debit notification with a booked (or pending) debit per refund.</summary>
    public static string Camt054(string version, IEnumerable<(Guid RefundId, decimal Amount, bool Booked)> debits, string id = "NTF-1") => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.{version}"><BkToCstmrDbtCdtNtfctn>
          <GrpHdr><MsgId>MSG-{id}</MsgId><CreDtTm>2026-11-20T17:00:00Z</CreDtTm></GrpHdr>
          <Ntfctn><Id>{id}</Id><CreDtTm>2026-11-20T17:00:00Z</CreDtTm><Acct><Id><IBAN>AE180260001012345678901</IBAN></Id></Acct>
          {string.Concat(debits.Select(d => Entry(version, d.RefundId, d.Amount, d.Booked)))}
          </Ntfctn></BkToCstmrDbtCdtNtfctn></Document>
        """;

    public static MemoryStream AsStream(string xml) => new(Encoding.UTF8.GetBytes(xml.Trim()));

    private static string Transaction(Status status) =>
        $"<TxInfAndSts><OrgnlEndToEndId>{RefundEndToEndId.Of(status.RefundId)}</OrgnlEndToEndId><TxSts>{status.Code}</TxSts>{Reason(status.Reason)}</TxInfAndSts>";

    private static string Reason(string? code) => code is null ? "" : $"<StsRsnInf><Rsn><Cd>{code}</Cd></Rsn></StsRsnInf>";

    private static string Entry(string version, Guid refundId, decimal amount, bool booked)
    {
        var status = booked ? "BOOK" : "PDNG";
        return $"""
            <Ntry><Amt Ccy="AED">{amount.ToString("F2", CultureInfo.InvariantCulture)}</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts>{(version == "02" ? status : $"<Cd>{status}</Cd>")}</Sts><BookgDt><Dt>2026-11-20</Dt></BookgDt>
              <BkTxCd><Prtry><Cd>NTRF</Cd></Prtry></BkTxCd>
              <NtryDtls><TxDtls><Refs><EndToEndId>{RefundEndToEndId.Of(refundId)}</EndToEndId></Refs></TxDtls></NtryDtls></Ntry>
            """;
    }
}
