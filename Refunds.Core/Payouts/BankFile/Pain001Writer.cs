using System.Globalization;
using System.Xml;
using Refunds.Core.Payments;

namespace Refunds.Core.Payouts.BankFile;

/// <summary>The two pain.001 (customer credit transfer initiation) versions banks take.</summary>
public enum Pain001Version
{
    /// <summary><c>pain.001.001.03</c>: still the most widely accepted.</summary>
    V03,

    /// <summary><c>pain.001.001.09</c>: the current one.</summary>
    V09,
}

/// <summary>
/// Writes refunds as an ISO 20022 pain.001 payment file: one payment information block (<c>PmtInf</c>)
/// per currency and requested execution date, one credit transfer (<c>CdtTrfTxInf</c>) per refund under
/// its <see cref="RefundEndToEndId"/>, with the number of transactions and the control sum at both levels.
/// </summary>
public static class Pain001Writer
{
    // ISO 20022 text types: names and remittance lines are at most 140 characters.
    private const int MaxText = 140;

    public static string MessageName(Pain001Version version) => version == Pain001Version.V03 ? "pain.001.001.03" : "pain.001.001.09";

    /// <summary>Writes the file; returns the payment block (<c>PmtInfId</c>) each refund went in, as a pain.002 may reject a whole block.</summary>
    public static IReadOnlyDictionary<Guid, string> Write(XmlWriter xml, Pain001Version version, string messageId, DateTimeOffset createdAt, DebtorAccount debtor,
        IReadOnlyList<CreditTransfer> transfers)
    {
        if (transfers.Count == 0) throw new ArgumentException("A payment file holds at least one credit transfer.", nameof(transfers));
        // Its payment blocks are named after it, "-1", "-2"...: within ISO's 35 characters.
        if (messageId.Length is 0 or > 30) throw new ArgumentException("A message id has 1 to 30 characters.", nameof(messageId));
        var ns = $"urn:iso:std:iso:20022:tech:xsd:{MessageName(version)}";
        var blocks = transfers.GroupBy(t => (t.Amount.Currency.Code, t.RequestedExecutionDate))
            .OrderBy(g => g.Key.RequestedExecutionDate).ThenBy(g => g.Key.Code, StringComparer.Ordinal).ToList();
        var blockOf = new Dictionary<Guid, string>(transfers.Count);

        xml.WriteStartDocument();
        xml.WriteStartElement("Document", ns);
        xml.WriteStartElement("CstmrCdtTrfInitn", ns);
        xml.WriteStartElement("GrpHdr", ns);
        Text(xml, ns, "MsgId", messageId);
        Text(xml, ns, "CreDtTm", createdAt.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss'Z'", CultureInfo.InvariantCulture));
        Text(xml, ns, "NbOfTxs", transfers.Count.ToString(CultureInfo.InvariantCulture));
        Text(xml, ns, "CtrlSum", ControlSum(transfers));
        Party(xml, ns, "InitgPty", debtor.Name);
        xml.WriteEndElement();

        for (var index = 0; index < blocks.Count; index++)
        {
            var block = blocks[index];
            var blockId = $"{messageId}-{index + 1}";
            xml.WriteStartElement("PmtInf", ns);
            Text(xml, ns, "PmtInfId", blockId);
            Text(xml, ns, "PmtMtd", "TRF");
            Text(xml, ns, "NbOfTxs", block.Count().ToString(CultureInfo.InvariantCulture));
            Text(xml, ns, "CtrlSum", ControlSum(block));
            var day = block.Key.RequestedExecutionDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            if (version == Pain001Version.V03) Text(xml, ns, "ReqdExctnDt", day);
            else
            {
                xml.WriteStartElement("ReqdExctnDt", ns);
                Text(xml, ns, "Dt", day);
                xml.WriteEndElement();
            }
            Party(xml, ns, "Dbtr", debtor.Name);
            Account(xml, ns, "DbtrAcct", debtor.Iban);
            xml.WriteStartElement("DbtrAgt", ns);
            xml.WriteStartElement("FinInstnId", ns);
            if (debtor.Bic is { Length: > 0 } bic) Text(xml, ns, version == Pain001Version.V03 ? "BIC" : "BICFI", bic);
            else
            {
                xml.WriteStartElement("Othr", ns);
                Text(xml, ns, "Id", "NOTPROVIDED");
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
            xml.WriteEndElement();
            // Each side pays its own bank's charges: what SEPA and most domestic schemes require.
            Text(xml, ns, "ChrgBr", "SLEV");
            foreach (var transfer in block)
            {
                CreditTransferOf(xml, ns, transfer);
                blockOf[transfer.RefundId] = blockId;
            }
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteEndDocument();
        return blockOf;
    }

    private static void CreditTransferOf(XmlWriter xml, string ns, CreditTransfer transfer)
    {
        xml.WriteStartElement("CdtTrfTxInf", ns);
        xml.WriteStartElement("PmtId", ns);
        Text(xml, ns, "EndToEndId", RefundEndToEndId.Of(transfer.RefundId));
        xml.WriteEndElement();
        xml.WriteStartElement("Amt", ns);
        xml.WriteStartElement("InstdAmt", ns);
        xml.WriteAttributeString("Ccy", transfer.Amount.Currency.Code);
        xml.WriteString(Amount(transfer.Amount));
        xml.WriteEndElement();
        xml.WriteEndElement();
        Party(xml, ns, "Cdtr", transfer.CreditorName);
        Account(xml, ns, "CdtrAcct", transfer.CreditorIban);
        if (transfer.RemittanceInformation is { Length: > 0 } remittance)
        {
            xml.WriteStartElement("RmtInf", ns);
            Text(xml, ns, "Ustrd", Clip(remittance));
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
    }

    /// <summary>The amount in its currency's minor units, as many decimals as the currency has (1234.50 AED, 12.345 KWD).</summary>
    public static string Amount(Money amount) => amount.Major.ToString("F" + amount.Currency.MinorUnits, CultureInfo.InvariantCulture);

    // ISO's control sum adds the amounts as numbers, whatever their currencies.
    private static string ControlSum(IEnumerable<CreditTransfer> transfers) =>
        transfers.Sum(t => t.Amount.Major).ToString("0.#####", CultureInfo.InvariantCulture);

    private static void Party(XmlWriter xml, string ns, string element, string name)
    {
        xml.WriteStartElement(element, ns);
        Text(xml, ns, "Nm", Clip(name));
        xml.WriteEndElement();
    }

    private static void Account(XmlWriter xml, string ns, string element, string iban)
    {
        xml.WriteStartElement(element, ns);
        xml.WriteStartElement("Id", ns);
        Text(xml, ns, "IBAN", Iban.Normalize(iban));
        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    private static string Clip(string text) => text.Length <= MaxText ? text : text[..MaxText];

    private static void Text(XmlWriter xml, string ns, string element, string value) => xml.WriteElementString(element, ns, value);
}
