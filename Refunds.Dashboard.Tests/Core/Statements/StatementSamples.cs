using System.Xml;
using System.Xml.Schema;

namespace Refunds.Dashboard.Tests.Core.Statements;

/// <summary>The sample statement files beside these tests, and the ISO 20022 schemas they are checked against.</summary>
public static class StatementSamples
{
    public static IEnumerable<object[]> CamtVersions =>
        new[] { "camt.053.001.02", "camt.053.001.04", "camt.053.001.08", "camt.054.001.02", "camt.054.001.08" }.Select(v => new object[] { v });

    public static string PathOf(string message) => Path.Combine(AppContext.BaseDirectory, "Core", "Statements", "Samples", message + ".xml");

    public static Stream Open(string message) => File.OpenRead(PathOf(message));

    /// <summary>The errors of validating <paramref name="xml"/> against the schema of <paramref name="message"/>; empty when it is valid.</summary>
    public static IReadOnlyList<string> SchemaErrors(Stream xml, string message)
    {
        var schemas = new XmlSchemaSet();
        schemas.Add(null, Path.Combine(AppContext.BaseDirectory, "Core", "Statements", "Schemas", message + ".xsd"));
        var errors = new List<string>();
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = schemas };
        settings.ValidationEventHandler += (_, e) => errors.Add($"{e.Severity} line {e.Exception.LineNumber}: {e.Message}");
        using var reader = XmlReader.Create(xml, settings);
        while (reader.Read()) { }
        return errors;
    }
}
