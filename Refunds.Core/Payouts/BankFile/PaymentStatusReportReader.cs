using System.Xml;
using System.Xml.Linq;
using Refunds.Core.BankFiles;
using Refunds.Core.Statements;

namespace Refunds.Core.Payouts.BankFile;

/// <summary>
/// Reads what the bank says of the payment files it was sent: a pain.002 payment status report (001.03 to
/// 001.10; transactions by <c>OrgnlEndToEndId</c>) or a camt.054 debit notification (001.02 to 001.08;
/// booked debits by <c>EndToEndId</c>). Read as a stream, as safely as every bank file.
/// </summary>
public static class PaymentStatusReportReader
{
    public static async Task<PaymentStatusReport> ReadAsync(Stream xml, CancellationToken cancellationToken = default)
    {
        var (reader, message) = await IsoMessage.OpenAsync(xml);
        using (reader)
        {
            if (IsoMessage.NameOf(message) is ("pain.002", >= 3 and <= 10)) return await ReadPain002Async(reader, message, cancellationToken);
            if (CamtStatementReader.Over(reader, message) is { Format.Kind: StatementKind.Camt054 } camt)
                return await ReadDebitNotificationAsync(camt, message, cancellationToken);
            throw new BankFileException(
                $"The file is an ISO 20022 {message} message, not a pain.002 status report (001.03 to 001.10) or camt.054 debit notification (001.02 to 001.08).");
        }
    }

    private static async Task<PaymentStatusReport> ReadPain002Async(XmlReader reader, string message, CancellationToken cancellationToken)
    {
        XNamespace ns = reader.NamespaceURI;
        string? messageId = null, originalMessageId = null, groupRejection = null;
        var rejectedBlocks = new Dictionary<string, string>(StringComparer.Ordinal);
        var transfers = new List<TransferStatus>();
        var positioned = false;
        while (positioned || await IsoMessage.Guard(() => reader.ReadAsync()))
        {
            positioned = false;
            if (reader.NodeType != XmlNodeType.Element || reader.Depth != 2) continue;
            var element = (XElement)await IsoMessage.Guard(() => XNode.ReadFromAsync(reader, cancellationToken));
            positioned = true;
            switch (element.Name.LocalName)
            {
                case "GrpHdr":
                    messageId = Text(element, ns, "MsgId");
                    break;
                case "OrgnlGrpInfAndSts":
                    originalMessageId = Text(element, ns, "OrgnlMsgId");
                    if (Text(element, ns, "GrpSts") == "RJCT") groupRejection = ReasonOf(element, ns);
                    break;
                case "OrgnlPmtInfAndSts":
                    if (Text(element, ns, "PmtInfSts") == "RJCT" && Text(element, ns, "OrgnlPmtInfId") is { } block)
                        rejectedBlocks[block] = ReasonOf(element, ns);
                    foreach (var transaction in element.Elements(ns + "TxInfAndSts"))
                        transfers.Add(TransferOf(transaction, ns));
                    break;
            }
        }
        return new PaymentStatusReport(message,
            messageId ?? throw new BankFileException("The status report has no <GrpHdr><MsgId>."),
            originalMessageId, groupRejection, rejectedBlocks, transfers);
    }

    private static TransferStatus TransferOf(XElement transaction, XNamespace ns)
    {
        var endToEndId = Text(transaction, ns, "OrgnlEndToEndId")
            ?? throw new BankFileException("A <TxInfAndSts> has no <OrgnlEndToEndId>: a transaction's status must name the transaction.");
        var status = Text(transaction, ns, "TxSts")
            ?? throw new BankFileException($"Transaction {endToEndId} has no <TxSts>.");
        return status switch
        {
            "ACSC" or "ACCC" => new TransferStatus(endToEndId, TransferOutcome.Settled, status, null),
            "RJCT" => new TransferStatus(endToEndId, TransferOutcome.Rejected, status, ReasonOf(transaction, ns)),
            "ACSP" or "ACTC" or "ACCP" or "ACWC" or "ACFC" or "ACWP" or "PDNG" or "RCVD" or "PART" =>
                new TransferStatus(endToEndId, TransferOutcome.Pending, status, null),
            _ => throw new BankFileException($"Transaction {endToEndId} has the status '{status}', which is not an ISO 20022 transaction status."),
        };
    }

    private static async Task<PaymentStatusReport> ReadDebitNotificationAsync(CamtStatementReader camt, string message, CancellationToken cancellationToken)
    {
        var transfers = new List<TransferStatus>();
        await foreach (var line in camt.ReadLinesAsync(cancellationToken))
        {
            // Credits (money in) and debits that name no end-to-end id are not ours to follow.
            if (line.IsCredit || line.EndToEndId is not { } endToEndId) continue;
            transfers.Add(new TransferStatus(endToEndId, line.IsBooked ? TransferOutcome.Settled : TransferOutcome.Pending, line.EntryStatus ?? "", null));
        }
        return new PaymentStatusReport(message, camt.FirstStatementId ?? "", null, null, new Dictionary<string, string>(), transfers);
    }

    private static string ReasonOf(XElement status, XNamespace ns)
    {
        var reason = status.Element(ns + "StsRsnInf");
        return StatusReasons.Describe(
            reason?.Element(ns + "Rsn")?.Element(ns + "Cd")?.Value.Trim() ?? reason?.Element(ns + "Rsn")?.Element(ns + "Prtry")?.Value.Trim(),
            reason?.Elements(ns + "AddtlInf").Select(i => i.Value.Trim()).FirstOrDefault(i => i.Length > 0));
    }

    private static string? Text(XElement from, XNamespace ns, string name) =>
        from.Element(ns + name)?.Value.Trim() is { Length: > 0 } text ? text : null;
}
