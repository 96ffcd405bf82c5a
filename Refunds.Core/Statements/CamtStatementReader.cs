using System.Globalization;
using System.Runtime.CompilerServices;
using System.Xml;
using System.Xml.Linq;
using Refunds.Core.BankFiles;

namespace Refunds.Core.Statements;

/// <summary>
/// Reads ISO 20022 camt.053 statements and camt.054 notifications (versions 001.02 to 001.08) as a
/// stream: one entry (<c>Ntry</c>) is in memory at a time, so a file of any size is read in little
/// memory. Every entry gives one line per transaction (<c>NtryDtls/TxDtls</c>), or one for the entry when it
/// has none, saying whether it is a credit and whether it is booked. A DTD is refused, so
/// no entity is ever expanded or fetched.
/// </summary>
public sealed class CamtStatementReader : IDisposable
{
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
        var (reader, message) = await IsoMessage.OpenAsync(xml);
        if (Over(reader, message) is { } camt) return camt;
        reader.Dispose();
        throw new BankFileException($"The file is an ISO 20022 {message} message, not a camt.053 statement or camt.054 notification (versions 001.02 to 001.08).");
    }

    /// <summary>A reader of the camt message <paramref name="reader"/> stands on the root of, or null when it is another message.</summary>
    internal static CamtStatementReader? Over(XmlReader reader, string message) =>
        FormatOf(message) is { } format ? new CamtStatementReader(reader, format) : null;

    /// <summary>The file's lines in order; fails on the first element that is not as the message's schema says, naming it.</summary>
    public async IAsyncEnumerable<StatementLine> ReadLinesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? statementId = null, accountIban = null;
        var inStatement = false;
        var number = 0;
        // XNode.ReadFromAsync leaves the reader on the node after the element it read: do not read past it.
        var positioned = false;
        while (positioned || await IsoMessage.Guard(() => _reader.ReadAsync()))
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

            var at = IsoMessage.Position(_reader);
            var element = (XElement)await IsoMessage.Guard(() => XNode.ReadFromAsync(_reader, cancellationToken));
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
                    if (statementId is null) throw new BankFileException($"Ntry at {at}: the statement has no <Id> before its entries.");
                    foreach (var line in LinesOf(element, statementId, accountIban, at, () => ++number)) yield return line;
                    break;
            }
        }
    }

    public void Dispose() => _reader.Dispose();

    private IEnumerable<StatementLine> LinesOf(XElement entry, string statementId, string? accountIban, string at, Func<int> nextNumber)
    {
        var (amount, currency) = AmountOf(entry.Element(_ns + "Amt")) ?? throw new BankFileException($"Ntry at {at}: <Amt> with a Ccy is required.");
        var credit = CreditOf(entry, at) ?? throw new BankFileException($"Ntry at {at}: <CdtDbtInd> must be CRDT or DBIT.");
        // Before 001.08 <Sts> holds the code itself; from 001.08 on, <Sts><Cd>: its text is the code either way.
        var status = entry.Element(_ns + "Sts")?.Value.Trim();
        var bookingDate = DateOf(entry.Element(_ns + "BookgDt"), at);
        var valueDate = DateOf(entry.Element(_ns + "ValDt"), at);
        var entryReference = Text(entry, "AcctSvcrRef") ?? Text(entry, "NtryRef");

        var transactions = entry.Elements(_ns + "NtryDtls").Elements(_ns + "TxDtls").ToList();
        if (transactions.Count == 0)
        {
            var number = nextNumber();
            yield return new StatementLine(number, statementId, accountIban, entryReference ?? number.ToString(CultureInfo.InvariantCulture),
                amount, currency, bookingDate, valueDate, Text(entry, "AcctSvcrRef"), null, [], null, null, credit, status);
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
                    : throw new BankFileException($"Ntry at {at}: transaction {index + 1} of {transactions.Count} has no amount."));
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
                txCredit, status);
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
        var other => throw new BankFileException($"Ntry at {at}: <CdtDbtInd> is '{other}'; it must be CRDT or DBIT."),
    };

    private static (decimal Amount, string Currency)? AmountOf(XElement? amount)
    {
        if (amount is null) return null;
        var currency = amount.Attribute("Ccy")?.Value.Trim();
        if (string.IsNullOrEmpty(currency))
            throw new BankFileException($"<{amount.Name.LocalName}> '{amount.Value}' has no Ccy (currency) attribute.");
        return decimal.TryParse(amount.Value.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            ? (value, currency.ToUpperInvariant())
            : throw new BankFileException($"<{amount.Name.LocalName}> '{amount.Value}' is not an amount (digits with a '.' for decimals).");
    }

    private DateOnly? DateOf(XElement? date, string at)
    {
        if (date is null) return null;
        if (Text(date, "Dt") is { } day)
            return DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
                ? parsed
                : throw new BankFileException($"Ntry at {at}: <{date.Name.LocalName}><Dt> '{day}' is not a date (YYYY-MM-DD).");
        if (Text(date, "DtTm") is { } time)
            return DateTimeOffset.TryParse(time, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
                ? DateOnly.FromDateTime(parsed.DateTime)
                : throw new BankFileException($"Ntry at {at}: <{date.Name.LocalName}><DtTm> '{time}' is not a date-time.");
        return null;
    }

    private XElement? Element(XElement from, params string[] path) =>
        path.Aggregate<string, XElement?>(from, (element, name) => element?.Element(_ns + name));

    private string? Text(XElement from, params string[] path) =>
        Element(from, path)?.Value.Trim() is { Length: > 0 } text ? text : null;

    private static StatementFormat? FormatOf(string message) => IsoMessage.NameOf(message) switch
    {
        ("camt.053", >= 2 and <= 8) => new StatementFormat(StatementKind.Camt053, message),
        ("camt.054", >= 2 and <= 8) => new StatementFormat(StatementKind.Camt054, message),
        _ => null,
    };
}
