using System.Text;
using Refunds.Core.BankFiles;
using Refunds.Core.Statements;

namespace Refunds.Dashboard.Tests.Core.Statements;

public class CsvStatementReaderTests
{
    private const string Header = "booking_date,amount,currency,reference,end_to_end_id,debtor_name,debtor_iban";

    [Fact]
    public async Task Each_record_becomes_a_line_with_quoted_commas_quotes_and_line_breaks_kept()
    {
        var lines = await ReadAsync($"""
            {Header}
            2026-11-30,150.00,aed,ORDER-1001,E2E-PAY-0001,Ahmed Haddad,AE070331234567890123456
            2026-11-30,20.5,AED,"Payment for ORDER-2001, ""urgent""
            second line",,"Khan, Sara",
            """);

        Assert.Equal(2, lines.Count);
        var first = lines[0];
        Assert.Equal((1, "1", 150.00m, "AED", "E2E-PAY-0001"), (first.Number, first.LineReference, first.Amount, first.CurrencyCode, first.EndToEndId));
        Assert.Equal((new DateOnly(2026, 11, 30), "Ahmed Haddad", "AE070331234567890123456"), (first.BookingDate, first.DebtorName, first.DebtorIban));
        Assert.Equal(["ORDER-1001"], first.Remittance);
        Assert.Equal("STMT-CSV", first.StatementId);
        Assert.True(first.IsCandidate);
        var second = lines[1];
        Assert.Equal(["Payment for ORDER-2001, \"urgent\"\nsecond line"], second.Remittance);
        Assert.Equal(("Khan, Sara", null, null), (second.DebtorName, second.EndToEndId, second.DebtorIban));
    }

    [Fact]
    public async Task A_negative_amount_is_a_debit_kept_as_an_ignored_line()
    {
        var lines = await ReadAsync($"{Header}\n2026-11-30,-99.00,AED,FEE,,,\n");

        Assert.Equal((99.00m, "a debit"), (lines.Single().Amount, lines.Single().IgnoredBecause));
    }

    [Fact]
    public async Task A_banks_own_column_names_are_read_through_the_mapping()
    {
        var mapping = new Dictionary<string, string> { ["booking_date"] = "Buchungstag", ["amount"] = "Betrag", ["reference"] = "Verwendungszweck" };

        var lines = await ReadAsync("Buchungstag,Betrag,currency,Verwendungszweck,end_to_end_id,debtor_name,debtor_iban,Saldo\n" +
                                    "2026-11-29,12.00,EUR,ORDER-7,,,,5000.00\n", mapping);

        Assert.Equal((new DateOnly(2026, 11, 29), 12.00m, "EUR"), (lines.Single().BookingDate, lines.Single().Amount, lines.Single().CurrencyCode));
        Assert.Equal(["ORDER-7"], lines.Single().Remittance);
    }

    [Fact]
    public async Task A_header_without_the_documented_columns_is_refused_naming_what_is_missing()
    {
        var refused = await Assert.ThrowsAsync<BankFileException>(() => ReadAsync("date,amount,currency\n2026-11-30,1.00,AED\n"));

        Assert.Contains("lacks booking_date, reference, end_to_end_id, debtor_name, debtor_iban", refused.Message);
    }

    [Theory]
    [InlineData("30/11/2026,1.00,AED,,,,", "CSV line 2: booking_date '30/11/2026' is not a date")]
    [InlineData("2026-11-30,1,5,AED,,,,", "CSV line 2: 8 fields where the header has 7")]
    [InlineData("2026-11-30,abc,AED,,,,", "CSV line 2: amount 'abc' is not a non-zero number")]
    [InlineData("2026-11-30,0.00,AED,,,,", "CSV line 2: amount '0.00' is not a non-zero number")]
    [InlineData("2026-11-30,1.00,,,,,", "CSV line 2: currency is required")]
    [InlineData("2026-11-30,1.00,AED,\"open,,,,", "CSV line 2: a quoted field is not closed")]
    [InlineData("2026-11-30,1.00,AED,\"ref\"x,,,", "CSV line 2: text after a quoted field's closing quote")]
    public async Task A_record_that_breaks_the_format_is_refused_naming_its_line(string record, string saying)
    {
        var refused = await Assert.ThrowsAsync<BankFileException>(() => ReadAsync($"{Header}\n{record}\n"));

        Assert.Contains(saying, refused.Message);
    }

    [Fact]
    public async Task An_empty_file_is_refused()
    {
        var refused = await Assert.ThrowsAsync<BankFileException>(() => ReadAsync(""));

        Assert.Contains("empty", refused.Message);
    }

    private static async Task<List<StatementLine>> ReadAsync(string csv, IReadOnlyDictionary<string, string>? mapping = null)
    {
        await using var stream = new MemoryStream(Encoding.UTF8.GetBytes(csv));
        return await CsvStatementReader.ReadLinesAsync(stream, "STMT-CSV", mapping).ToListAsync();
    }
}
