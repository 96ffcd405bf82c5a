using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Refunds.Core.BankFiles;

namespace Refunds.Core.Statements;

/// <summary>
/// Reads a bank's CSV export (RFC 4180, UTF-8) with the columns <see cref="Columns"/>, under those names
/// or under the bank's own names mapped onto them. Read a record at a time. A positive amount is a
/// credit; a negative one a debit, kept as an ignored line.
/// </summary>
public static class CsvStatementReader
{
    /// <summary>Our column names, in the order of the documented header.</summary>
    public static IReadOnlyList<string> Columns { get; } =
        ["booking_date", "amount", "currency", "reference", "end_to_end_id", "debtor_name", "debtor_iban"];

    /// <param name="statementId">What the lines are recorded as belonging to (a CSV file names no statement).</param>
    /// <param name="columnNames">The bank's name for each of our columns it calls otherwise (ours → theirs).</param>
    public static async IAsyncEnumerable<StatementLine> ReadLinesAsync(Stream csv, string statementId,
        IReadOnlyDictionary<string, string>? columnNames = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var text = new StreamReader(csv, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        var records = ReadRecordsAsync(text, cancellationToken).GetAsyncEnumerator(cancellationToken);
        try
        {
            if (!await records.MoveNextAsync()) throw new BankFileException("The CSV file is empty: it needs a header line.");
            var header = records.Current.Fields;
            var positions = PositionsOf(header, columnNames);
            var number = 0;
            while (await records.MoveNextAsync())
            {
                var (fields, line) = records.Current;
                if (fields is [""]) continue; // a blank line
                if (fields.Count != header.Count)
                    throw new BankFileException($"CSV line {line}: {fields.Count} fields where the header has {header.Count}.");
                string? Field(string column) => fields[positions[column]].Trim() is { Length: > 0 } value ? value : null;
                yield return LineOf(++number, line, statementId, Field);
            }
        }
        finally
        {
            await records.DisposeAsync();
        }
    }

    private static StatementLine LineOf(int number, int line, string statementId, Func<string, string?> field)
    {
        var bookingDate = field("booking_date") is { } date
            ? DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
                ? day
                : throw new BankFileException($"CSV line {line}: booking_date '{date}' is not a date (YYYY-MM-DD).")
            : throw new BankFileException($"CSV line {line}: booking_date is required.");
        var amountText = field("amount") ?? throw new BankFileException($"CSV line {line}: amount is required.");
        if (!decimal.TryParse(amountText, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount) || amount == 0)
            throw new BankFileException($"CSV line {line}: amount '{amountText}' is not a non-zero number (digits with a '.' for decimals).");
        var currency = field("currency")?.ToUpperInvariant() ?? throw new BankFileException($"CSV line {line}: currency is required.");
        var reference = field("reference");
        return new StatementLine(number, statementId, null, number.ToString(CultureInfo.InvariantCulture), Math.Abs(amount), currency,
            bookingDate, null, null, field("end_to_end_id"), reference is null ? [] : [reference], field("debtor_name"), field("debtor_iban"),
            IsCredit: amount > 0, EntryStatus: "BOOK");
    }

    private static Dictionary<string, int> PositionsOf(IReadOnlyList<string> header, IReadOnlyDictionary<string, string>? columnNames)
    {
        var names = header.Select(h => h.Trim()).ToList();
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var column in Columns)
        {
            var name = columnNames?.GetValueOrDefault(column) ?? column;
            var position = names.FindIndex(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
            if (position < 0) missing.Add(name == column ? column : $"{name} (for {column})");
            else positions[column] = position;
        }
        return missing.Count == 0
            ? positions
            : throw new BankFileException(
                $"The CSV header lacks {string.Join(", ", missing)}; it must name {string.Join(",", Columns)} (or the columns mapped under Statements:CsvColumns). Got: {string.Join(",", names)}.");
    }

    /// <summary>RFC 4180 records with the line each starts on; a quoted field may hold commas, quotes ("") and line breaks.</summary>
    private static async IAsyncEnumerable<(IReadOnlyList<string> Fields, int Line)> ReadRecordsAsync(TextReader text,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var lineNumber = 0;
        while (await text.ReadLineAsync(cancellationToken) is { } line)
        {
            var startsOn = ++lineNumber;
            var fields = new List<string>();
            var field = new StringBuilder();
            var quoted = false;
            var closed = false; // a quoted field's closing quote: only a comma or the end may follow
            var position = 0;
            while (true)
            {
                if (position == line.Length)
                {
                    if (!quoted) break;
                    // A line break inside quotes belongs to the field.
                    line = await text.ReadLineAsync(cancellationToken)
                        ?? throw new BankFileException($"CSV line {startsOn}: a quoted field is not closed before the end of the file.");
                    lineNumber++;
                    field.Append('\n');
                    position = 0;
                    continue;
                }
                var c = line[position++];
                if (quoted)
                {
                    if (c != '"') field.Append(c);
                    else if (position < line.Length && line[position] == '"') { field.Append('"'); position++; }
                    else (quoted, closed) = (false, true);
                }
                else if (c == ',') { fields.Add(field.ToString()); field.Clear(); closed = false; }
                else if (closed) throw new BankFileException($"CSV line {lineNumber}: text after a quoted field's closing quote.");
                else if (c == '"' && field.Length == 0) quoted = true;
                else if (c == '"') throw new BankFileException($"CSV line {lineNumber}: a quote inside an unquoted field (quote the whole field and double the quote).");
                else field.Append(c);
            }
            fields.Add(field.ToString());
            yield return (fields, startsOn);
        }
    }
}
