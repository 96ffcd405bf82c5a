using Refunds.Dashboard.Exports;

namespace Refunds.Dashboard.Tests.Dashboard.Exports;

public class CsvFieldTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://evil\")", "\"'=HYPERLINK(\"\"http://evil\"\")\"")]
    [InlineData("+1+2", "'+1+2")]
    [InlineData("-2", "'-2")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tcmd", "'\tcmd")]
    public void A_field_a_spreadsheet_would_run_as_a_formula_is_written_as_text(string value, string written) =>
        Assert.Equal(written, CsvField.Of(value));

    [Theory]
    [InlineData("Ahmed, Haddad", "\"Ahmed, Haddad\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("plain", "plain")]
    [InlineData(null, "")]
    public void Commas_quotes_and_line_breaks_are_quoted(string? value, string written) =>
        Assert.Equal(written, CsvField.Of(value));
}
