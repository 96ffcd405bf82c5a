using System.Text;
using Refunds.Core.BankFiles;
using Refunds.Core.Statements;
using Refunds.Dashboard.Tests.Support;

namespace Refunds.Dashboard.Tests.Core.Statements;

public class CamtStatementReaderTests
{
    [Theory]
    [MemberData(nameof(StatementSamples.CamtVersions), MemberType = typeof(StatementSamples))]
    public void Every_sample_statement_validates_against_its_iso_20022_schema(string message)
    {
        using var xml = StatementSamples.Open(message);
        Assert.Empty(Iso20022Schema.ErrorsOf(xml, message));
    }

    [Theory]
    [MemberData(nameof(StatementSamples.CamtVersions), MemberType = typeof(StatementSamples))]
    public async Task Each_version_gives_a_line_per_transaction_with_its_references_remittance_and_debtor(string message)
    {
        await using var xml = StatementSamples.Open(message);
        using var reader = await CamtStatementReader.OpenAsync(xml);
        var lines = await reader.ReadLinesAsync().ToListAsync();

        Assert.Equal(message, reader.Format.Name);
        Assert.Equal(message.StartsWith("camt.053") ? StatementKind.Camt053 : StatementKind.Camt054, reader.Format.Kind);
        Assert.Equal([1, 2, 3, 4, 5, 6], lines.Select(l => l.Number));
        Assert.All(lines, l => Assert.Equal("AE070331234567890123456", l.AccountIban));
        Assert.All(lines, l => Assert.StartsWith("STMT-20261130-", l.StatementId));
        Assert.All(lines, l => Assert.Equal("AED", l.CurrencyCode));
        Assert.All(lines, l => Assert.Equal(new DateOnly(2026, 11, 30), l.BookingDate));

        var single = lines[0];
        Assert.Equal((150.00m, "BANKREF-1", "E2E-PAY-0001"), (single.Amount, single.LineReference, single.EndToEndId));
        Assert.Equal(["Refund ref ORDER-1001"], single.Remittance);
        Assert.Equal(("Ahmed Haddad", "AE070331234567890123456"), (single.DebtorName, single.DebtorIban));
        Assert.True(single.IsCandidate);

        var (first, second) = (lines[1], lines[2]);
        Assert.Equal((20.00m, "BANKREF-2A", null), (first.Amount, first.LineReference, first.EndToEndId));
        Assert.Equal(["Payment for ORDER-2001"], first.Remittance);
        Assert.Equal((30.50m, "E2E-PAY-0003", "Omar Farouk"), (second.Amount, second.EndToEndId, second.DebtorName));
        Assert.Equal(["INV-2002"], second.Remittance);

        Assert.Equal("a debit", lines[3].IgnoredBecause);
        Assert.Equal("not booked (status PDNG)", lines[4].IgnoredBecause);

        var withoutDetails = lines[5];
        Assert.Equal((75.25m, "BANKREF-5", null, null), (withoutDetails.Amount, withoutDetails.LineReference, withoutDetails.EndToEndId, withoutDetails.DebtorIban));
        Assert.True(withoutDetails.IsCandidate);
    }

    [Fact]
    public async Task A_file_with_a_dtd_is_refused_before_any_entity_is_expanded()
    {
        const string billionLaughs = """
            <?xml version="1.0"?>
            <!DOCTYPE Document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>
            <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt>&c;</BkToCstmrStmt></Document>
            """;

        var refused = await Assert.ThrowsAsync<BankFileException>(() => ReadAllAsync(billionLaughs));

        Assert.Contains("DTD", refused.Message);
    }

    [Fact]
    public async Task Malformed_xml_is_refused_naming_the_line()
    {
        var broken = File.ReadAllText(StatementSamples.PathOf("camt.053.001.08")).Replace("</Ntry>", "</Entry>");

        var refused = await Assert.ThrowsAsync<BankFileException>(() => ReadAllAsync(broken));

        Assert.Matches("not well-formed XML at line [0-9]+", refused.Message);
    }

    [Fact]
    public async Task Another_iso_20022_message_is_refused_naming_it()
    {
        const string paymentFile = """<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.09"><CstmrCdtTrfInitn/></Document>""";

        var refused = await Assert.ThrowsAsync<BankFileException>(() => ReadAllAsync(paymentFile));

        Assert.Contains("pain.001.001.09", refused.Message);
    }

    [Theory]
    [InlineData("""<Statement><Line amount="1"/></Statement>""", "not an ISO 20022 message")]
    [InlineData("""<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.12"><BkToCstmrStmt/></Document>""", "camt.053.001.12 message, not a camt.053")]
    public async Task Xml_that_is_not_a_supported_camt_message_is_refused(string xml, string saying)
    {
        var refused = await Assert.ThrowsAsync<BankFileException>(() => ReadAllAsync(xml));

        Assert.Contains(saying, refused.Message);
    }

    [Fact]
    public async Task An_amount_that_is_not_a_number_is_refused_naming_the_element()
    {
        var wrong = File.ReadAllText(StatementSamples.PathOf("camt.053.001.08")).Replace(">150.00<", ">150,00<");

        var refused = await Assert.ThrowsAsync<BankFileException>(() => ReadAllAsync(wrong));

        Assert.Contains("<Amt> '150,00' is not an amount", refused.Message);
    }

    private static async Task<List<StatementLine>> ReadAllAsync(string xml)
    {
        await using var stream = new MemoryStream(Encoding.UTF8.GetBytes(xml));
        using var reader = await CamtStatementReader.OpenAsync(stream);
        return await reader.ReadLinesAsync().ToListAsync();
    }
}
