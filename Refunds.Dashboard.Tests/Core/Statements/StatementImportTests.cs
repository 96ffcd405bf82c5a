using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Refunds.Core;
using Refunds.Core.Payments;
using Refunds.Core.Persistence;
using Refunds.Core.Statements;
using Refunds.Dashboard.Tests.Support;
using static Refunds.Dashboard.Tests.Support.EngineHarness;

namespace Refunds.Dashboard.Tests.Core.Statements;

public abstract class StatementImportTests : EngineTest
{
    private const string Header = "booking_date,amount,currency,reference,end_to_end_id,debtor_name,debtor_iban";

    private StatementImporter Importer => Engine.Get<StatementImporter>();

    [Fact]
    public async Task Lines_reconcile_payments_named_by_end_to_end_id_or_by_a_remittance_token()
    {
        var byId = await UnreconciledAsync(150.00m, "ORDER-1001");
        var byToken = await UnreconciledAsync(20.00m, "ORDER-2001");

        var import = await ImportCsvAsync(
            $"2026-11-30,150.00,AED,,{byId.Id},Ahmed Haddad,{ValidIban}",
            "2026-11-30,20.00,AED,\"Payment for ORDER-2001.\",,,",
            "2026-11-30,99.00,AED,ORDER-9999,,,",
            "2026-11-30,-5.00,AED,fee,,,");

        Assert.Equal((4, 2, 0, 0, 1, 1), Counts(import));
        foreach (var (payment, line) in new[] { (byId, 1), (byToken, 2) })
        {
            var reconciled = await Engine.PaymentByIdAsync(payment.Id);
            Assert.Equal($"{import.StatementReference}/{line}", reconciled.ReconciliationReference);
            Assert.Equal((new DateTimeOffset(2026, 11, 30, 0, 0, 0, TimeSpan.Zero), import.Id), (reconciled.ReconciledAt, reconciled.StatementImportId));
        }
        var lines = (await Engine.Get<StatementQueries>().LinesAsync(Feed, import.Id, null, 0, 50)).Lines.Items;
        Assert.Equal([LineResult.Matched, LineResult.Matched, LineResult.Unmatched, LineResult.Ignored], lines.Select(l => l.Result));
        Assert.Equal([byId.Id, byToken.Id, null, null], lines.Select(l => l.PaymentId));
    }

    [Fact]
    public async Task A_camt_053_statement_reconciles_with_its_statement_id_and_the_banks_line_reference()
    {
        var single = await UnreconciledAsync(150.00m, "E2E-PAY-0001");
        var fromBatch = await UnreconciledAsync(30.50m, "INV-2002");
        await using var file = StatementSamples.Open("camt.053.001.08");

        var (import, created) = await Importer.ImportAsync(Feed, file, StatementFileType.Xml);

        Assert.True(created);
        Assert.Equal(("camt.053.001.08", "AE070331234567890123456", "STMT-20261130-053"), (import.Format, import.AccountIban, import.StatementReference));
        Assert.Equal((6, 2, 0, 0, 2, 2), Counts(import));
        Assert.Equal("STMT-20261130-053/BANKREF-1", (await Engine.PaymentByIdAsync(single.Id)).ReconciliationReference);
        Assert.Equal("STMT-20261130-053/BANKREF-2B", (await Engine.PaymentByIdAsync(fromBatch.Id)).ReconciliationReference);
    }

    [Fact]
    public async Task Only_whole_tokens_of_the_remittance_name_a_payment()
    {
        var payment = await UnreconciledAsync(20.00m, "ORDER-2001");

        var import = await ImportCsvAsync("2026-11-30,20.00,AED,XORDER-2001 and ORDER-20011,,,");

        Assert.Equal(1, import.Unmatched);
        Assert.False((await Engine.PaymentByIdAsync(payment.Id)).IsReconciled);
    }

    [Fact]
    public async Task A_payment_fits_only_in_the_lines_currency_and_amount()
    {
        var payment = await UnreconciledAsync(150.00m, "ORDER-1001");

        var import = await ImportCsvAsync("2026-11-30,149.99,AED,ORDER-1001,,,", "2026-11-30,150.00,SAR,ORDER-1001,,,");

        Assert.Equal(2, import.Unmatched);
        Assert.False((await Engine.PaymentByIdAsync(payment.Id)).IsReconciled);
    }

    [Fact]
    public async Task With_a_tolerance_an_amount_that_close_matches()
    {
        await using var tolerant = await StartAsync(o => o.AmountTolerance = 0.01m);
        var payment = await UnreconciledAsync(150.00m, "ORDER-1001", tolerant);

        var (import, _) = await tolerant.Get<StatementImporter>().ImportAsync(Feed, Csv("2026-11-30,149.99,AED,ORDER-1001,,,"), StatementFileType.Csv);

        Assert.Equal(1, import.Matched);
        Assert.True((await tolerant.PaymentByIdAsync(payment.Id)).IsReconciled);
    }

    [Fact]
    public async Task A_line_that_fits_two_payments_is_ambiguous_and_reconciles_neither()
    {
        var first = await UnreconciledAsync(40.00m, "ORDER-DUP");
        var second = await UnreconciledAsync(40.00m, "ORDER-DUP");

        var import = await ImportCsvAsync("2026-11-30,40.00,AED,ORDER-DUP,,,");

        Assert.Equal(1, import.Ambiguous);
        var page = await Engine.Get<StatementQueries>().LinesAsync(Feed, import.Id, LineResult.Ambiguous, 0, 50);
        Assert.Equal(new[] { first.Id, second.Id }.Order(), page.Lines.Items.Single().Candidates.Order());
        Assert.Equal(new[] { first.Id, second.Id }.Order(), page.Candidates.Keys.Order());
        Assert.False((await Engine.PaymentByIdAsync(first.Id)).IsReconciled);
        Assert.False((await Engine.PaymentByIdAsync(second.Id)).IsReconciled);
    }

    [Fact]
    public async Task A_payment_reconciled_before_is_reported_and_left_as_it_was_and_a_second_line_never_reconciles_it_again()
    {
        var byHand = await Engine.PaymentAsync(60.00m);
        var twice = await UnreconciledAsync(70.00m, "ORDER-TWICE");

        var import = await ImportCsvAsync($"2026-11-30,60.00,AED,,{byHand.Id},,", "2026-11-30,70.00,AED,ORDER-TWICE,,,", "2026-11-30,70.00,AED,ORDER-TWICE,,,");

        Assert.Equal((3, 1, 2, 0, 0, 0), Counts(import));
        Assert.Equal($"STMT-{byHand.Id:N}", (await Engine.PaymentByIdAsync(byHand.Id)).ReconciliationReference);
        Assert.Equal($"{import.StatementReference}/2", (await Engine.PaymentByIdAsync(twice.Id)).ReconciliationReference);
    }

    [Fact]
    public async Task Importing_the_same_file_again_adds_nothing_and_gives_back_the_first_import()
    {
        await UnreconciledAsync(150.00m, "ORDER-1001");
        var first = await ImportCsvAsync("2026-11-30,150.00,AED,ORDER-1001,,,", "2026-11-30,99.00,AED,,,,");

        var (again, created) = await Importer.ImportAsync(Feed, Csv("2026-11-30,150.00,AED,ORDER-1001,,,", "2026-11-30,99.00,AED,,,,"), StatementFileType.Csv);

        Assert.False(created);
        Assert.Equal((first.Id, 1, 1), (again.Id, again.Matched, again.Unmatched));
        await using var db = await Engine.NewContextAsync();
        Assert.Equal((1, 2), (await db.StatementImports.CountAsync(), await db.StatementLines.CountAsync()));
    }

    [Fact]
    public async Task Two_imports_of_one_statement_at_once_give_one_import()
    {
        var payment = await UnreconciledAsync(150.00m, "ORDER-1001");

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            await using var file = StatementSamples.Open("camt.054.001.08");
            return await Importer.ImportAsync(Feed, file, StatementFileType.Xml);
        })));

        Assert.Single(outcomes, o => o.Created);
        Assert.Single(outcomes.Select(o => o.Import.Id).Distinct());
        await using var db = await Engine.NewContextAsync();
        Assert.Equal((1, 6), (await db.StatementImports.CountAsync(), await db.StatementLines.CountAsync()));
        // Named in the first line's remittance ("Refund ref ORDER-1001"): reconciled once, by the one import.
        Assert.Equal("STMT-20261130-054/BANKREF-1", (await Engine.PaymentByIdAsync(payment.Id)).ReconciliationReference);
    }

    [Fact]
    public async Task Matching_by_the_debtors_iban_is_off_unless_set_and_then_needs_the_payment_within_three_days()
    {
        var line = $"2026-11-22,25.00,AED,no reference,,Ahmed Haddad,{ValidIban}";
        var payment = await UnreconciledAsync(25.00m, "ORDER-DEBTOR");
        Assert.Equal(1, (await ImportCsvAsync(line)).Unmatched);

        await using var byDebtor = await StartAsync(o => o.MatchByDebtor = true);
        var recent = await UnreconciledAsync(25.00m, "ORDER-RECENT", byDebtor);
        var (import, _) = await byDebtor.Get<StatementImporter>().ImportAsync(Feed, Csv(line), StatementFileType.Csv);

        // Payments are made at the harness clock's 2026-11-20: two days before the booking.
        Assert.Equal(1, import.Matched);
        Assert.True((await byDebtor.PaymentByIdAsync(recent.Id)).IsReconciled);
        Assert.False((await Engine.PaymentByIdAsync(payment.Id)).IsReconciled);
        var (tooLate, _) = await byDebtor.Get<StatementImporter>().ImportAsync(Feed, Csv("2026-11-24,25.00,AED,,,," + ValidIban), StatementFileType.Csv);
        Assert.Equal(1, tooLate.Unmatched);
    }

    [Fact]
    public async Task A_manual_match_reconciles_the_payment_from_the_line_and_records_who_matched_it()
    {
        var payment = await UnreconciledAsync(99.00m, "ORDER-9999");
        var import = await ImportCsvAsync("2026-11-30,99.00,AED,no reference here,,,");
        var line = (await Engine.Get<StatementQueries>().LinesAsync(Feed, import.Id, LineResult.Unmatched, 0, 50)).Lines.Items.Single();

        var matched = await Importer.MatchAsync(Feed, import.Id, line.Id, payment.Id, "  customer paid without a reference ");

        Assert.Equal((LineResult.Matched, payment.Id, Feed.Id, "customer paid without a reference"), (matched.Result, matched.PaymentId, matched.MatchedBy, matched.MatchNote));
        Assert.Equal($"{import.StatementReference}/1", (await Engine.PaymentByIdAsync(payment.Id)).ReconciliationReference);
        var after = await Engine.Get<StatementQueries>().FindAsync(Feed, import.Id);
        Assert.Equal((1, 1, 0, 0, 0, 0), Counts(after!));
    }

    [Fact]
    public async Task A_manual_match_needs_an_open_line_a_payment_of_its_amount_and_one_not_yet_reconciled()
    {
        var other = await UnreconciledAsync(98.00m, "ORDER-OTHER");
        var reconciled = await Engine.PaymentAsync(99.00m);
        var fits = await UnreconciledAsync(99.00m, "ORDER-FITS");
        var import = await ImportCsvAsync("2026-11-30,99.00,AED,nothing,,,");
        var line = (await Engine.Get<StatementQueries>().LinesAsync(Feed, import.Id, null, 0, 50)).Lines.Items.Single();

        Assert.Equal(ErrorCode.InvalidAmount, await Refused.CodeOf(() => Importer.MatchAsync(Feed, import.Id, line.Id, other.Id, null)));
        Assert.Equal(ErrorCode.PaymentConflict, await Refused.CodeOf(() => Importer.MatchAsync(Feed, import.Id, line.Id, reconciled.Id, null)));
        Assert.Equal(ErrorCode.StatementNotFound, await Refused.CodeOf(() => Importer.MatchAsync(Feed, Guid.NewGuid(), line.Id, fits.Id, null)));
        Assert.Equal(ErrorCode.OperationNotAllowed, await Refused.CodeOf(() => Importer.MatchAsync(Viewer, import.Id, line.Id, fits.Id, null)));
        await Importer.MatchAsync(Feed, import.Id, line.Id, fits.Id, null);
        Assert.Equal(ErrorCode.InvalidStatusTransition, await Refused.CodeOf(() => Importer.MatchAsync(Feed, import.Id, line.Id, other.Id, null)));
        Assert.False((await Engine.PaymentByIdAsync(other.Id)).IsReconciled);
    }

    [Fact]
    public async Task A_line_offers_the_settled_unreconciled_payments_of_its_currency_and_amount_to_match_by_hand()
    {
        var fits = await UnreconciledAsync(99.00m, "ORDER-FITS");
        await UnreconciledAsync(98.99m, "ORDER-CENT-LESS");
        await Engine.PaymentAsync(99.00m);
        var failed = Guid.NewGuid();
        await Engine.Payments.IngestAsync(Feed, [NewPayment(failed, 99.00m, status: PaymentStatus.Failed)]);
        var import = await ImportCsvAsync("2026-11-30,99.00,AED,nothing,,,");
        var line = (await Engine.Get<StatementQueries>().LinesAsync(Feed, import.Id, null, 0, 50)).Lines.Items.Single();

        var matchable = await Engine.Get<StatementQueries>().MatchablePaymentsAsync(Feed, line);

        Assert.Equal([fits.Id], matchable.Select(p => p.Id));
    }

    [Fact]
    public async Task A_statement_of_more_lines_than_one_save_holds_is_one_import_that_counts_and_reconciles_every_line()
    {
        var first = await UnreconciledAsync(150.00m, "ORDER-1001");
        var last = await UnreconciledAsync(20.00m, "ORDER-2001");
        // The importer saves lines a chunk at a time inside its one transaction: these lines span several saves.
        var unmatched = Enumerable.Repeat("2026-11-30,1.00,AED,,,,", 5_000);

        var import = await ImportCsvAsync(["2026-11-30,150.00,AED,ORDER-1001,,,", .. unmatched, "2026-11-30,20.00,AED,ORDER-2001,,,",
            "2026-11-30,150.00,AED,ORDER-1001,,,"]);

        Assert.Equal((5_003, 2, 1, 0, 5_000, 0), Counts(import));
        await using var db = await Engine.NewContextAsync();
        Assert.Equal((5_003, 2, 1, 0, 5_000, 0), Counts(await db.StatementImports.SingleAsync(i => i.Id == import.Id)));
        Assert.Equal(5_003, await db.StatementLines.CountAsync(l => l.ImportId == import.Id));
        Assert.Equal([import.Id, import.Id], [(await Engine.PaymentByIdAsync(first.Id)).StatementImportId, (await Engine.PaymentByIdAsync(last.Id)).StatementImportId]);
    }

    [Fact]
    public async Task A_file_that_cannot_be_read_writes_nothing()
    {
        var payment = await UnreconciledAsync(150.00m, "ORDER-1001");

        var refused = await Refused.By(() => ImportCsvAsync("2026-11-30,150.00,AED,ORDER-1001,,,", "2026-11-31,1.00,AED,,,,"));

        Assert.Equal(ErrorCode.InvalidBankFile, refused.Code);
        Assert.Contains("CSV line 3", refused.Message);
        Assert.False((await Engine.PaymentByIdAsync(payment.Id)).IsReconciled);
        await using var db = await Engine.NewContextAsync();
        Assert.Equal(0, await db.StatementImports.CountAsync());
    }

    [Fact]
    public async Task A_file_over_the_size_limit_is_refused_and_writes_nothing()
    {
        await using var small = await StartAsync(o => o.MaxFileBytes = 1024);
        var lines = Enumerable.Range(0, 40).Select(n => $"2026-11-30,{n + 1}.00,AED,ORDER-{n},,,").ToArray();

        var code = await Refused.CodeOf(() => small.Get<StatementImporter>().ImportAsync(Feed, Csv(lines), StatementFileType.Csv));

        Assert.Equal(ErrorCode.PayloadTooLarge, code);
        await using var db = await small.NewContextAsync();
        Assert.Equal(0, await db.StatementImports.CountAsync());
    }

    [Fact]
    public async Task Only_those_who_may_record_payments_import_statements()
    {
        var code = await Refused.CodeOf(() => Importer.ImportAsync(Viewer, Csv("2026-11-30,1.00,AED,,,,"), StatementFileType.Csv));

        Assert.Equal(ErrorCode.OperationNotAllowed, code);
    }

    private static (int Lines, int Matched, int AlreadyReconciled, int Ambiguous, int Unmatched, int Ignored) Counts(StatementImport import) =>
        (import.Lines, import.Matched, import.AlreadyReconciled, import.Ambiguous, import.Unmatched, import.Ignored);

    private Task<EngineHarness> StartAsync(Action<StatementOptions> configure) =>
        EngineHarness.StartAsync(services: s => s.Configure(configure), provider: Provider);

    private async Task<Payment> UnreconciledAsync(decimal amount, string merchantReference, EngineHarness? engine = null)
    {
        engine ??= Engine;
        var id = Guid.NewGuid();
        await engine.Payments.IngestAsync(Feed, [NewPayment(id, amount) with { MerchantReference = merchantReference }]);
        return await engine.PaymentByIdAsync(id);
    }

    private async Task<StatementImport> ImportCsvAsync(params string[] records) =>
        (await Importer.ImportAsync(Feed, Csv(records), StatementFileType.Csv)).Import;

    private static MemoryStream Csv(params string[] records) => new(Encoding.UTF8.GetBytes(Header + "\n" + string.Join("\n", records) + "\n"));

    public sealed class OnSqlite : StatementImportTests;

    public sealed class OnPostgreSql : StatementImportTests
    {
        protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
    }
}
