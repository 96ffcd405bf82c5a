using System.Xml;

namespace Refunds.Core.BankFiles;

/// <summary>
/// Opens an ISO 20022 XML message for reading as a stream, the same safe way for every bank file: a DTD
/// is refused (so no entity is ever expanded or fetched), and a file that is not well-formed is refused
/// naming where it broke.
/// </summary>
internal static class IsoMessage
{
    private const string NamespacePrefix = "urn:iso:std:iso:20022:tech:xsd:";

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

    /// <summary>A reader on the message's root <c>Document</c>, and the message it says it is (<c>camt.053.001.08</c>).</summary>
    public static async Task<(XmlReader Reader, string Message)> OpenAsync(Stream xml)
    {
        var reader = XmlReader.Create(xml, Settings);
        try
        {
            await Guard(() => reader.MoveToContentAsync());
            if (reader.NodeType != XmlNodeType.Element || reader.LocalName != "Document" || !reader.NamespaceURI.StartsWith(NamespacePrefix, StringComparison.Ordinal))
                throw new BankFileException($"The file is not an ISO 20022 message: its root is <{reader.LocalName}>, not an ISO 20022 <Document> ({Position(reader)}).");
            return (reader, reader.NamespaceURI[NamespacePrefix.Length..]);
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    /// <summary>Runs a read, turning the reader's refusals into a <see cref="BankFileException"/> that says where.</summary>
    public static async Task<T> Guard<T>(Func<Task<T>> read)
    {
        try
        {
            return await read();
        }
        catch (XmlException ex) when (ex.Message.Contains("DTD", StringComparison.Ordinal))
        {
            throw new BankFileException($"The file declares a DTD (line {ex.LineNumber}); bank files with a DTD are refused, so no entity is expanded or fetched.");
        }
        catch (XmlException ex)
        {
            throw new BankFileException($"The file is not well-formed XML at line {ex.LineNumber}, position {ex.LinePosition}: {ex.Message.Split(" Line ")[0]}");
        }
    }

    public static string Position(XmlReader reader) =>
        reader is IXmlLineInfo info && info.HasLineInfo() ? $"line {info.LineNumber}, position {info.LinePosition}" : "an unknown position";

    /// <summary>The version of a message name (<c>pain.002.001.10</c> → 10), or null when it is not <c>&lt;area&gt;.&lt;nnn&gt;.001.&lt;vv&gt;</c>.</summary>
    public static (string Kind, int Version)? NameOf(string message)
    {
        var parts = message.Split('.');
        return parts.Length == 4 && parts[2] == "001" && int.TryParse(parts[3], out var version) ? ($"{parts[0]}.{parts[1]}", version) : null;
    }
}
