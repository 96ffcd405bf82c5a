using System.Globalization;
using System.Runtime.CompilerServices;
using System.Xml;
using System.Xml.Linq;

namespace Refunds.Core.Statements;

/// <summary>
/// Reads ISO 20022 camt.053 statements and camt.054 notifications (versions 001.02 to 001.08) as a
/// stream: one entry (<c>Ntry</c>) is in memory at a time, so a file of any size is read in little
/// memory. Every booked credit gives one line per transaction (<c>NtryDtls/TxDtls</c>), or one for the
/// entry when it has none; debits and unbooked entries are kept as ignored lines. A DTD is refused, so
/// no entity is ever expanded or fetched.
/// </summary>
public sealed class CamtStatementReader : IDisposable
{
    private const string IsoNamespacePrefix = "urn:iso:std:iso:20022:tech:xsd:";

    private static readonly XmlReaderSettings Settings = new()
    {
        Async = true,
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        CloseInput = false,
    };

    private readonly XmlReader _reader;
    private readonly XNamespace _ns;

    private CamtStatementReader(XmlReader reader, StatementFormat format)
    {
        _reader = reader;
        _ns = reader.NamespaceURI;
        Format = format;
    }

    public StatementFormat Format { get; }

    /// <summary>The id of the file's first statement (or notification), once read: what the file is known by.</summary>
    public string? FirstStatementId { get; private set; }

    /// <summary>The IBAN of the first statement's account, once read.</summary>
    public string? FirstAccountIban { get; private set; }

    /// <summary>Reads as far as the message's root and says what it is; refuses anything but camt.053 or camt.054, 001.02 to 001.08.</summary>
    public static async Task<CamtStatementReader> OpenAsync(Stream xml, CancellationToken cancellationToken = default)
    {
        var reader = XmlReader.Create(xml, Settings);
        try
        {
            await Guard(reader, () => reader.MoveToContentAsync());
            if (reader.NodeType != XmlNodeType.Element || reader.LocalName != "Document" || !reader.NamespaceURI.StartsWith(IsoNamespacePrefix, StringComparison.Ordinal))
                throw Invalid(reader, $"The file is not an ISO 20022 message: its root is <{reader.LocalName}>, not an ISO 20022 <Document>.");
            var message = reader.NamespaceURI[IsoNamespacePrefix.Length..];
            return new CamtStatementReader(reader, FormatOf(message) ?? throw Invalid(reader,
                $"The file is an ISO 20022 {message} message, not a camt.053 statement or camt.054 notification (versions 001.02 to 001.08)."));
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    /// <summary>The file's lines in order; fails on the first element that is not as the message's schema says, naming it.</summary>
    public async IAsyncEnumerable<StatementLine> ReadLinesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? statementId = null, accountIban = null;
        var inStatement = false;
        var number = 0;
        // XNode.ReadFromAsync leaves the reader on the node after the element it read: do not read past it.
        var positioned = false;
        while (positioned || await Guard(_reader, () => _reader.ReadAsync()))
        {
            positioned = false;
            cancellationToken.ThrowIfCancellationRequested();
            if (_reader.NodeType != XmlNodeType.Element) continue;
            if (_reader.Depth == 2)
            {
                // A statement (camt.053) or notification (camt.054); the group header beside them says nothing we need.
                inStatement = _reader.LocalName is "Stmt" or "Ntfctn";
                statementId = accountIban = null;
                continue;
            }
            if (_reader.Depth != 3 || !inStatement) continue;

            var at = Position(_reader);
            var element = (XElement)await Guard(_reader, () => XNode.ReadFromAsync(_reader, cancellationToken));
            positioned = true;
            switch (element.Name.LocalName)
            {
                case "Id":
                    statementId = element.Value.Trim();
                    FirstStatementId ??= statementId;
                    break;
                case "Acct":
                    accountIban = Text(element, "Id", "IBAN");
                    if (FirstStatementId == statementId) FirstAccountIban ??= accountIban;
                    break;
                case "Ntry":
                    if (statementId is null) throw new StatementFileException($"Ntry at {at}: the statement has no <Id> before its entries.");
                    foreach (var line in LinesOf(element, statementId, accountIban, at, () => ++number)) yield return line;
                    break;
            }
        }
    }

    public void Dispose() => _reader.Dispose();

    private IEnumerable<StatementLine> LinesOf(XElement entry, string statementId, string? accountIban, string at, Func<int> nextNumber)
    {
        var (amount, currency) = AmountOf(entry.Element(_ns + "Amt")) ?? throw new StatementFileException($"Ntry at {at}: <Amt> with a Ccy is required.");
        var credit = CreditOf(entry, at) ?? throw new StatementFileException($"Ntry at {at}: <CdtDbtInd> must be CRDT or DBIT.");
        // Before 001.08 <Sts> holds the code itself; from 001.08 on, <Sts><Cd>: its text is the code either way.
        var status = entry.Element(_ns + "Sts")?.Value.Trim();
        var bookingDate = DateOf(entry.Element(_ns + "BookgDt"), at);
        var valueDate = DateOf(entry.Element(_ns + "ValDt"), at);
        var entryReference = Text(entry, "AcctSvcrRef") ?? Text(entry, "NtryRef");
        var ignoredBecause = !credit ? "a debit" : status != "BOOK" ? $"not booked (status {status})" : null;

        var transactions = entry.Elements(_ns + "NtryDtls").Elements(_ns + "TxDtls").ToList();
        if (transactions.Count == 0)
        {
            var number = nextNumber();
            yield return new StatementLine(number, statementId, accountIban, entryReference ?? number.ToString(CultureInfo.InvariantCulture),
                amount, currency, bookingDate, valueDate, Text(entry, "AcctSvcrRef"), null, [], null, null, ignoredBecause);
            yield break;
        }
        for (var index = 0; index < transactions.Count; index++)
        {
            var tx = transactions[index];
            // 001.04 on: TxDtls/Amt; 001.02: the transaction amount under AmtDtls; a lone transaction is the whole entry.
            var (txAmount, txCurrency) = AmountOf(tx.Element(_ns + "Amt"))
                ?? AmountOf(Element(tx, "AmtDtls", "TxAmt", "Amt"))
                ?? AmountOf(Element(tx, "AmtDtls", "InstdAmt", "Amt"))
                ?? (transactions.Count == 1 ? (amount, currency)
                    : throw new StatementFileException($"Ntry at {at}: transaction {index + 1} of {transactions.Count} has no amount."));
            var txCredit = CreditOf(tx, at) ?? credit;
            var txReference = Text(tx, "Refs", "AcctSvcrRef");
            var number = nextNumber();
            yield return new StatementLine(
                number, statementId, accountIban,
                txReference ?? (entryReference is null ? number.ToString(CultureInfo.InvariantCulture)
                    : transactions.Count == 1 ? entryReference : $"{entryReference}-{index + 1}"),
                txAmount, txCurrency, bookingDate, valueDate, txReference ?? Text(entry, "AcctSvcrRef"),
                Text(tx, "Refs", "EndToEndId") is { } e2e && e2e != "NOTPROVIDED" ? e2e : null,
                RemittanceOf(tx),
                // 001.08 wraps the party: Dbtr/Pty/Nm; earlier versions: Dbtr/Nm.
                Text(tx, "RltdPties", "Dbtr", "Nm") ?? Text(tx, "RltdPties", "Dbtr", "Pty", "Nm"),
                Text(tx, "RltdPties", "DbtrAcct", "Id", "IBAN"),
                !txCredit ? "a debit" : ignoredBecause);
        }
    }

    private List<string> RemittanceOf(XElement tx)
    {
        var remittance = tx.Element(_ns + "RmtInf");
        if (remittance is null) return [];
        return remittance.Elements(_ns + "Ustrd").Select(u => u.Value.Trim())
            .Concat(remittance.Elements(_ns + "Strd").Elements(_ns + "CdtrRefInf").Elements(_ns + "Ref").Select(r => r.Value.Trim()))
            .Where(text => text.Length > 0).ToList();
    }

    private bool? CreditOf(XElement element, string at) => Text(element, "CdtDbtInd") switch
    {
        null => null,
        "CRDT" => true,
        "DBIT" => false,
        var other => throw new StatementFileException($"Ntry at {at}: <CdtDbtInd> is '{other}'; it must be CRDT or DBIT."),
    };

    private static (decimal Amount, string Currency)? AmountOf(XElement? amount)
    {
        if (amount is null) return null;
        var currency = amount.Attribute("Ccy")?.Value.Trim();
        if (string.IsNullOrEmpty(currency))
            throw new StatementFileException($"<{amount.Name.LocalName}> '{amount.Value}' has no Ccy (currency) attribute.");
        return decimal.TryParse(amount.Value.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            ? (value, currency.ToUpperInvariant())
            : throw new StatementFileException($"<{amount.Name.LocalName}> '{amount.Value}' is not an amount (digits with a '.' for decimals).");
    }

    private DateOnly? DateOf(XElement? date, string at)
    {
        if (date is null) return null;
        if (Text(date, "Dt") is { } day)
            return DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
                ? parsed
                : throw new StatementFileException($"Ntry at {at}: <{date.Name.LocalName}><Dt> '{day}' is not a date (YYYY-MM-DD).");
        if (Text(date, "DtTm") is { } time)
            return DateTimeOffset.TryParse(time, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
                ? DateOnly.FromDateTime(parsed.DateTime)
                : throw new StatementFileException($"Ntry at {at}: <{date.Name.LocalName}><DtTm> '{time}' is not a date-time.");
        return null;
    }

    private XElement? Element(XElement from, params string[] path) =>
        path.Aggregate<string, XElement?>(from, (element, name) => element?.Element(_ns + name));

    private string? Text(XElement from, params string[] path) =>
        Element(from, path)?.Value.Trim() is { Length: > 0 } text ? text : null;

    private static StatementFormat? FormatOf(string message)
    {
        var parts = message.Split('.');
        if (parts.Length != 4 || parts[0] != "camt" || parts[2] != "001" || !int.TryParse(parts[3], out var version) || version is < 2 or > 8)
            return null;
        return parts[1] switch
        {
            "053" => new StatementFormat(StatementKind.Camt053, message),
            "054" => new StatementFormat(StatementKind.Camt054, message),
            _ => null,
        };
    }

    private static string Position(XmlReader reader) =>
        reader is IXmlLineInfo info && info.HasLineInfo() ? $"line {info.LineNumber}, position {info.LinePosition}" : "an unknown position";

    private static StatementFileException Invalid(XmlReader reader, string message) => new($"{message} ({Position(reader)})");

    // XmlException says where the file broke; a DTD is refused by the reader settings before anything is expanded.
    private static async Task<T> Guard<T>(XmlReader reader, Func<Task<T>> read)
    {
        try
        {
            return await read();
        }
        catch (XmlException ex) when (ex.Message.Contains("DTD", StringComparison.Ordinal))
        {
            throw new StatementFileException($"The file declares a DTD (line {ex.LineNumber}); statements with a DTD are refused, so no entity is expanded or fetched.");
        }
        catch (XmlException ex)
        {
            throw new StatementFileException($"The file is not well-formed XML at line {ex.LineNumber}, position {ex.LinePosition}: {ex.Message.Split(" Line ")[0]}");
        }
    }
}
