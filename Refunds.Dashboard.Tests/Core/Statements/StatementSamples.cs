namespace Refunds.Dashboard.Tests.Core.Statements;

/// <summary>The sample statement files beside these tests.</summary>
public static class StatementSamples
{
    public static IEnumerable<object[]> CamtVersions =>
        new[] { "camt.053.001.02", "camt.053.001.04", "camt.053.001.08", "camt.054.001.02", "camt.054.001.08" }.Select(v => new object[] { v });

    public static string PathOf(string message) => Path.Combine(AppContext.BaseDirectory, "Core", "Statements", "Samples", message + ".xml");

    public static Stream Open(string message) => File.OpenRead(PathOf(message));
}
