using Refunds.Core.Demo;
using Refunds.Core.Persistence;
using Refunds.Core.Statements;
using Refunds.Dashboard.Tests.Core.Statements;
using Refunds.Dashboard.Tests.Support;
using static Refunds.Dashboard.Tests.Support.EngineHarness;

namespace Refunds.Dashboard.Tests.Core.Demo;

/// <summary>The README's sample statements (docs/samples) do on the demo data what the README says they do.</summary>
public abstract class DemoStatementTests : EngineTest
{
    private static string SamplePath(string name) => Path.Combine(AppContext.BaseDirectory, "DemoSamples", name);

    [Fact]
    public async Task The_sample_camt_053_is_valid_and_reconciles_three_demo_payments_leaving_one_line_ambiguous_and_one_unmatched()
    {
        await using (var xml = File.OpenRead(SamplePath("statement.camt053.xml")))
            Assert.Empty(Iso20022Schema.ErrorsOf(xml, "camt.053.001.08"));
        await Engine.Get<DemoData>().SeedIfEmptyAsync();

        await using var file = File.OpenRead(SamplePath("statement.camt053.xml"));
        var (import, _) = await Engine.Get<StatementImporter>().ImportAsync(Feed, file, StatementFileType.Xml);

        Assert.Equal((6, 3, 0, 1, 1, 1), (import.Lines, import.Matched, import.AlreadyReconciled, import.Ambiguous, import.Unmatched, import.Ignored));
        var ambiguous = (await Engine.Get<StatementQueries>().LinesAsync(Feed, import.Id, LineResult.Ambiguous, 0, 10)).Lines.Items.Single();
        Assert.Equal(DemoData.DuplicateCharges.Order(), ambiguous.Candidates.Order());
    }

    [Fact]
    public async Task The_sample_csv_reconciles_two_demo_payments_leaving_one_line_ambiguous_and_one_unmatched()
    {
        await Engine.Get<DemoData>().SeedIfEmptyAsync();

        await using var file = File.OpenRead(SamplePath("statement.csv"));
        var (import, _) = await Engine.Get<StatementImporter>().ImportAsync(Feed, file, StatementFileType.Csv);

        Assert.Equal((5, 2, 0, 1, 1, 1), (import.Lines, import.Matched, import.AlreadyReconciled, import.Ambiguous, import.Unmatched, import.Ignored));
    }

    public sealed class OnSqlite : DemoStatementTests;

    public sealed class OnPostgreSql : DemoStatementTests
    {
        protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
    }
}
