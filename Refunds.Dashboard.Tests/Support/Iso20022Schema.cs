using System.Xml;
using System.Xml.Schema;

namespace Refunds.Dashboard.Tests.Support;

/// <summary>The published ISO 20022 schemas (Support/Iso20022), for checking the files we read and write.</summary>
public static class Iso20022Schema
{
    /// <summary>The errors of validating <paramref name="xml"/> against the schema of <paramref name="message"/> (<c>camt.053.001.08</c>); empty when it is valid.</summary>
    public static IReadOnlyList<string> ErrorsOf(Stream xml, string message)
    {
        var schemas = new XmlSchemaSet();
        schemas.Add(null, Path.Combine(AppContext.BaseDirectory, "Support", "Iso20022", message + ".xsd"));
        var errors = new List<string>();
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = schemas };
        settings.ValidationEventHandler += (_, e) => errors.Add($"{e.Severity} line {e.Exception.LineNumber}: {e.Message}");
        using var reader = XmlReader.Create(xml, settings);
        while (reader.Read()) { }
        return errors;
    }
}
