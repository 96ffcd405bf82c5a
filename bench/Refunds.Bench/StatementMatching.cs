using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Xml;

namespace Refunds.Bench;

/// <summary>
/// Figure 8: one camt.053 statement of many booked credits imported and matched against a large set of
/// unreconciled payments, on its own database file and app process. The statement is written to disk
/// first (streamed), then sent as the body of one <c>POST /statements</c>; the time is from sending to
/// the 201. While it runs, the app's managed heap as its own collections leave it is polled
/// (<c>/diagnostics/memory?collect=false</c>, every 100 ms); the figure is the peak minus the heap
/// after a forced full collection just before. The figure counts only if the import matched exactly the
/// lines it should and reconciled exactly those payments.
/// </summary>
public static class StatementMatching
{
    private const string Namespace = "urn:iso:std:iso:20022:tech:xsd:camt.053.001.08";
    private const string AccountIban = "AE180260001012345678901";
    private static readonly DateOnly BookingDay = new(2026, 11, 30);

    public static async Task RunAsync(string dashboard, IReadOnlyDictionary<string, string> appSettings, DirectoryInfo work, Sizes sizes, Report report)
    {
        var database = Path.Combine(work.FullName, "statements.db");
        var settings = new Dictionary<string, string>(appSettings)
        {
            ["ConnectionStrings:Refunds"] = $"Data Source={database}",
            ["Statements:MaxFileBytes"] = (1L << 32).ToString(CultureInfo.InvariantCulture),
        };
        // A start on the empty file creates the schema; the payments are then written straight into it.
        await using (await AppProcess.StartAsync(dashboard, settings, "Production")) { }
        var seeder = new Seeder(database);
        Console.WriteLine($"Seeding {sizes.StatementPayments:N0} unreconciled payments...");
        var seeding = Stopwatch.StartNew();
        seeder.Payments(1, sizes.StatementPayments, reconciled: false);
        Console.WriteLine($"Seeded in {seeding.Elapsed.TotalSeconds:0.#} s");

        var plan = new Plan(sizes.StatementLines, sizes.StatementPayments);
        var warmUp = Path.Combine(work.FullName, "warm-up.camt053.xml");
        var statement = Path.Combine(work.FullName, "statement.camt053.xml");
        Write(warmUp, "STMT-BENCH-WARM-UP", plan.WarmUpLines());
        Write(statement, "STMT-BENCH", plan.Lines());
        var megabytes = new FileInfo(statement).Length / 1024.0 / 1024.0;
        try
        {
            await using var app = await AppProcess.StartAsync(dashboard, settings, "Production");
            using var maker = await RefundsApi.SignInAsync(app.BaseAddress, "integration-maker");
            using var http = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromMinutes(10) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", maker.AccessToken);
            using var diagnostics = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };

            // The import path runs once before the measured import: the figure is not about the JIT.
            var (warmUpStatus, _, _) = await PostAsync(http, warmUp);
            if (warmUpStatus != HttpStatusCode.Created) throw new InvalidOperationException($"The warm-up import answered {(int)warmUpStatus}.");

            var before = await ReadMemoryAsync(diagnostics, collect: true);
            using var polling = new CancellationTokenSource();
            var peak = PollPeakAsync(diagnostics, polling.Token);
            var (status, outcome, elapsed) = await PostAsync(http, statement);
            await polling.CancelAsync();
            var (peakManaged, peakWorkingSet) = await peak;

            const double MiB = 1024 * 1024;
            var matched = outcome?["matched"]?.GetValue<int>();
            var unmatched = outcome?["unmatched"]?.GetValue<int>();
            var importId = outcome?["statement_id"]?.GetValue<string>().ToUpperInvariant();
            var reconciled = seeder.Scalar($"SELECT count(*) FROM payments WHERE ReconciledAt IS NOT NULL AND StatementImportId = '{importId}'");
            var correct = status == HttpStatusCode.Created && matched == plan.Matched && unmatched == plan.Unmatched
                && outcome?["ambiguous"]?.GetValue<int>() == 0 && reconciled == plan.Matched;
            if (!correct)
                throw new InvalidOperationException(
                    $"The statement import answered {(int)status} with {outcome?.ToJsonString() ?? "no body"} and reconciled {reconciled:N0} payments; " +
                    $"expected 201 with {plan.Matched:N0} matched, {plan.Unmatched:N0} unmatched, and {plan.Matched:N0} payments reconciled.");

            var growth = Math.Max(0, peakManaged - before.ManagedBytes) / MiB;
            var conditions = $"camt.053.001.08 of {sizes.StatementLines:N0} booked credits ({megabytes:0} MB; {plan.ByEndToEnd:N0} by end-to-end id, " +
                $"{plan.ByRemittance:N0} by a remittance reference, {plan.Unmatched:N0} naming no payment) against {sizes.StatementPayments:N0} " +
                $"unreconciled payments on SQLite; one POST /statements from a file, client-side wall clock to the 201; {matched:N0} matched, {unmatched:N0} unmatched; " +
                "after a warm-up import of 1 % as many lines";
            report.Add(new Figure("8.import", $"Statement: camt.053 of {sizes.StatementLines:N0} lines imported and matched",
                elapsed.TotalSeconds, "s", "< 15 s", elapsed.TotalSeconds < 15, conditions));
            report.Add(new Figure("8.heap", "Statement: managed heap growth during the import", growth, "MiB", "< 300 MiB", growth < 300,
                $"peak of the heap as the app's own collections left it (/diagnostics/memory?collect=false every 100 ms) {peakManaged / MiB:0} MiB " +
                $"minus the heap after a forced full GC just before {before.ManagedBytes / MiB:0} MiB"));
            report.Add(Figure.Context("8.working_set", "Statement: peak working set during the import", peakWorkingSet / MiB, "MiB",
                $"process working set, {before.WorkingSetBytes / MiB:0} MiB before; includes native buffers (SQLite's page cache among them) and heap the runtime keeps for reuse"));
        }
        finally
        {
            File.Delete(statement);
            File.Delete(warmUp);
            File.Delete(database);
        }
    }

    private static async Task<(HttpStatusCode Status, JsonNode? Body, TimeSpan Elapsed)> PostAsync(HttpClient http, string file)
    {
        await using var body = File.OpenRead(file);
        using var content = new StreamContent(body, 1 << 16);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/xml");
        var clock = Stopwatch.StartNew();
        using var response = await http.PostAsync("/statements", content);
        var text = await response.Content.ReadAsStringAsync();
        var elapsed = clock.Elapsed;
        return (response.StatusCode, text.Length > 0 ? JsonNode.Parse(text) : null, elapsed);
    }

    private static async Task<(long Managed, long WorkingSet)> PollPeakAsync(HttpClient diagnostics, CancellationToken stop)
    {
        long managed = 0, workingSet = 0;
        while (!stop.IsCancellationRequested)
        {
            var reading = await ReadMemoryAsync(diagnostics, collect: false);
            managed = Math.Max(managed, reading.ManagedBytes);
            workingSet = Math.Max(workingSet, reading.WorkingSetBytes);
            try
            {
                await Task.Delay(100, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        // One last reading: the collections of the import's last moments.
        var last = await ReadMemoryAsync(diagnostics, collect: false);
        return (Math.Max(managed, last.ManagedBytes), Math.Max(workingSet, last.WorkingSetBytes));
    }

    private static async Task<Memory> ReadMemoryAsync(HttpClient http, bool collect) =>
        await http.GetFromJsonAsync<Memory>(collect ? "/diagnostics/memory" : "/diagnostics/memory?collect=false")
        ?? throw new InvalidOperationException("/diagnostics/memory answered nothing.");

    private sealed record Memory(
        [property: JsonPropertyName("managed_bytes")] long ManagedBytes,
        [property: JsonPropertyName("working_set_bytes")] long WorkingSetBytes);

    /// <summary>One booked credit of the statement: the payment it pays for (or a number no payment has) and how it names it.</summary>
    private sealed record Line(int Number, long Payment, bool ByEndToEnd);

    /// <summary>
    /// Which payment each line pays for: line i for payment i × (payments ÷ lines), so the lines spread over
    /// the whole table; 7 in 10 name it by end-to-end id (its id without hyphens), 3 by a remittance
    /// reference (its merchant reference); 1 in 200 names a payment beyond the seeded ones, so stays unmatched.
    /// The warm-up's lines pay for the payments just before those, which the measured lines leave alone.
    /// </summary>
    private sealed class Plan(int lines, int payments)
    {
        private readonly long _stride = Math.Max(2, payments / lines);

        public int Unmatched => lines / 200;

        public int Matched => lines - Unmatched;

        public int ByEndToEnd => Lines().Count(l => l.ByEndToEnd && l.Payment <= payments);

        public int ByRemittance => Lines().Count(l => !l.ByEndToEnd && l.Payment <= payments);

        public IEnumerable<Line> Lines() =>
            Enumerable.Range(1, lines).Select(i => new Line(i, i % 200 == 0 ? payments + i : i * _stride, i % 10 < 7));

        public IEnumerable<Line> WarmUpLines() =>
            Enumerable.Range(1, Math.Max(1, lines / 100)).Select(i => new Line(i, i * _stride - 1, i % 10 < 7));
    }

    /// <summary>Writes a camt.053.001.08 statement of <paramref name="lines"/> as the schema has it, streamed to disk.</summary>
    private static void Write(string path, string statementId, IEnumerable<Line> lines)
    {
        var amount = Seeder.PaymentAmount.ToString("0.00", CultureInfo.InvariantCulture);
        var day = BookingDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var created = "2026-11-30T23:00:00+04:00";
        using var xml = XmlWriter.Create(path, new XmlWriterSettings { Async = false, Indent = false });
        xml.WriteStartDocument();
        xml.WriteStartElement("Document", Namespace);
        xml.WriteStartElement("BkToCstmrStmt", Namespace);
        xml.WriteStartElement("GrpHdr", Namespace);
        xml.WriteElementString("MsgId", Namespace, $"MSG-{statementId}");
        xml.WriteElementString("CreDtTm", Namespace, created);
        xml.WriteEndElement();
        xml.WriteStartElement("Stmt", Namespace);
        xml.WriteElementString("Id", Namespace, statementId);
        xml.WriteElementString("CreDtTm", Namespace, created);
        xml.WriteStartElement("Acct", Namespace);
        xml.WriteStartElement("Id", Namespace);
        xml.WriteElementString("IBAN", Namespace, AccountIban);
        xml.WriteEndElement();
        xml.WriteElementString("Ccy", Namespace, "AED");
        xml.WriteEndElement();
        xml.WriteStartElement("Bal", Namespace);
        xml.WriteStartElement("Tp", Namespace);
        xml.WriteStartElement("CdOrPrtry", Namespace);
        xml.WriteElementString("Cd", Namespace, "CLBD");
        xml.WriteEndElement();
        xml.WriteEndElement();
        WriteAmount(xml, amount);
        xml.WriteElementString("CdtDbtInd", Namespace, "CRDT");
        xml.WriteStartElement("Dt", Namespace);
        xml.WriteElementString("Dt", Namespace, day);
        xml.WriteEndElement();
        xml.WriteEndElement();
        foreach (var line in lines)
        {
            var reference = $"{statementId}-{line.Number}";
            xml.WriteStartElement("Ntry", Namespace);
            WriteAmount(xml, amount);
            xml.WriteElementString("CdtDbtInd", Namespace, "CRDT");
            xml.WriteStartElement("Sts", Namespace);
            xml.WriteElementString("Cd", Namespace, "BOOK");
            xml.WriteEndElement();
            WriteDate(xml, "BookgDt", day);
            WriteDate(xml, "ValDt", day);
            xml.WriteElementString("AcctSvcrRef", Namespace, reference);
            xml.WriteStartElement("BkTxCd", Namespace);
            xml.WriteStartElement("Prtry", Namespace);
            xml.WriteElementString("Cd", Namespace, "NTRF");
            xml.WriteEndElement();
            xml.WriteEndElement();
            xml.WriteStartElement("NtryDtls", Namespace);
            xml.WriteStartElement("TxDtls", Namespace);
            xml.WriteStartElement("Refs", Namespace);
            xml.WriteElementString("AcctSvcrRef", Namespace, reference);
            xml.WriteElementString("EndToEndId", Namespace,
                line.ByEndToEnd ? Guid.Parse(Seeder.PaymentId(line.Payment)).ToString("N") : "NOTPROVIDED");
            xml.WriteEndElement();
            WriteAmount(xml, amount);
            xml.WriteElementString("CdtDbtInd", Namespace, "CRDT");
            xml.WriteStartElement("RltdPties", Namespace);
            xml.WriteStartElement("Dbtr", Namespace);
            xml.WriteStartElement("Pty", Namespace);
            xml.WriteElementString("Nm", Namespace, $"Payer {line.Payment}");
            xml.WriteEndElement();
            xml.WriteEndElement();
            xml.WriteStartElement("DbtrAcct", Namespace);
            xml.WriteStartElement("Id", Namespace);
            xml.WriteElementString("IBAN", Namespace, "AE070331234567890123456");
            xml.WriteEndElement();
            xml.WriteEndElement();
            xml.WriteEndElement();
            xml.WriteStartElement("RmtInf", Namespace);
            xml.WriteElementString("Ustrd", Namespace, line.ByEndToEnd ? "Card payment" : $"Order {Seeder.MerchantReference(line.Payment)}");
            xml.WriteEndElement();
            xml.WriteEndElement();
            xml.WriteEndElement();
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteEndDocument();
    }

    private static void WriteAmount(XmlWriter xml, string amount)
    {
        xml.WriteStartElement("Amt", Namespace);
        xml.WriteAttributeString("Ccy", "AED");
        xml.WriteString(amount);
        xml.WriteEndElement();
    }

    private static void WriteDate(XmlWriter xml, string element, string day)
    {
        xml.WriteStartElement(element, Namespace);
        xml.WriteElementString("Dt", Namespace, day);
        xml.WriteEndElement();
    }
}
