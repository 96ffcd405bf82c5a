using System.Reflection;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Refunds.Core;
using Refunds.Core.Analytics;
using Refunds.Core.Payouts;
using Refunds.Core.Payouts.BankFile;
using Refunds.Core.Persistence;
using Refunds.Core.Refunds;
using Refunds.Core.Webhooks;
using Refunds.Dashboard.Tests.Support;
using static Refunds.Dashboard.Tests.Support.EngineHarness;

namespace Refunds.Dashboard.Tests.Core.Payouts.BankFile;

public abstract class PayoutFilesTests : IAsyncLifetime
{
    private EngineHarness _engine = null!;

    protected abstract DatabaseProvider Provider { get; }

    public async Task InitializeAsync() => _engine = await StartAsync(provider: Provider, services: BankFileRail.Use());

    public async Task DisposeAsync() => await _engine.DisposeAsync();

    private PayoutFiles Files => _engine.Get<PayoutFiles>();

    private PayoutFileQueries Queries => _engine.Get<PayoutFileQueries>();

    private async Task<Refund> ApprovedAsync(decimal amount = 10m, string currency = "AED", EngineHarness? engine = null)
    {
        engine ??= _engine;
        var payment = await engine.PaymentAsync(100m, currency);
        var refund = await engine.RefundAsync(payment, amount);
        return (await engine.Refunds.DecideAsync(Checker, [new RefundDecision(refund.Id, RefundStatus.Approved)]))[0];
    }

    [Theory]
    [InlineData("pain.001.001.09")]
    [InlineData("pain.001.001.03")]
    public async Task A_file_of_several_currencies_validates_against_its_schema_and_is_kept_with_its_sha_256(string format)
    {
        await using var engine = await StartAsync(provider: Provider, services: BankFileRail.Use(format));
        await ApprovedAsync(12.5m, "AED", engine);
        await ApprovedAsync(7m, "SAR", engine);
        await ApprovedAsync(1.234m, "KWD", engine);

        var file = await engine.Get<PayoutFiles>().CreateAsync(Checker);
        var (name, xml) = (await engine.Get<PayoutFileQueries>().ContentAsync(Viewer, file.Id))!.Value;
        var summary = await engine.Get<PayoutFileQueries>().FindAsync(Viewer, file.Id);

        Assert.Empty(Iso20022Schema.ErrorsOf(new MemoryStream(xml), format));
        Assert.Equal((format, $"{file.MessageId}.xml", Convert.ToHexStringLower(SHA256.HashData(xml))), (file.Format, name, file.Sha256));
        Assert.InRange(file.MessageId.Length, 1, 30);
        Assert.Equal(["12.50 AED (1)", "1.234 KWD (1)", "7.00 SAR (1)"], summary!.Totals.Select(t => $"{t.Amount} ({t.Count})"));
    }

    [Fact]
    public async Task Making_a_file_moves_every_approved_refund_to_pending_with_the_bank_and_leaves_the_others()
    {
        var approved = new[] { await ApprovedAsync(), await ApprovedAsync(20m) };
        var awaiting = await _engine.RefundAsync(await _engine.PaymentAsync());

        var file = await Files.CreateAsync(Checker);

        foreach (var refund in approved)
        {
            var filed = await _engine.RefundByIdAsync(refund.Id);
            Assert.Equal(RefundStatus.PendingWithBank, filed.Status);
            Assert.Equal(($"In payout file {file.MessageId}", "checker"), (filed.History.OrderBy(e => e.Id).Last().Note, filed.History.OrderBy(e => e.Id).Last().ActorId));
            Assert.Null(filed.NextPayoutAttemptAt);
        }
        Assert.Equal(RefundStatus.Created, (await _engine.RefundByIdAsync(awaiting.Id)).Status);
        Assert.Equal((PayoutFileStatus.Created, 2), (file.Status, file.TransactionCount));
        Assert.Equal(approved.Select(r => r.Id).Order(), (await Queries.RefundsAsync(Viewer, file.Id)).Select(r => r.RefundId).Order());
    }

    [Fact]
    public async Task Each_refund_put_in_a_file_has_its_move_once_in_its_timeline_the_webhook_outbox_the_daily_figures_and_the_live_status()
    {
        var approved = new[] { await ApprovedAsync(), await ApprovedAsync(20m), await ApprovedAsync(7m, "SAR") };
        var changes = new List<RefundStatusChanged>();
        using var subscription = _engine.Get<RefundStatusNotifier>().SubscribeToLocalCommits(c => { lock (changes) changes.Add(c); return Task.CompletedTask; });

        var file = await Files.CreateAsync(Checker);

        await using var db = await _engine.NewContextAsync();
        var ids = approved.Select(r => r.Id).ToList();
        var timelines = (await db.AuditEntries.AsNoTracking().Where(e => ids.Contains(e.RefundId)).ToListAsync()).ToLookup(e => e.RefundId);
        var events = await db.WebhookEvents.AsNoTracking().Where(e => ids.Contains(e.RefundId) && e.Type == WebhookEventTypes.PendingWithBank).ToListAsync();
        var moves = ids.Select(id => Assert.Single(timelines[id], e => e.To == RefundStatus.PendingWithBank)).ToList();
        Assert.All(moves, e => Assert.Equal((RefundStatus.Approved, $"In payout file {file.MessageId}", "checker"), (e.From!.Value, e.Note, e.ActorId)));
        // The latest line of each timeline, as it is read in order of ids.
        Assert.All(moves, e => Assert.Equal(e.Id, timelines[e.RefundId].Max(l => l.Id)));
        Assert.Equal(ids.Order(), events.Select(e => e.RefundId).Order());
        Assert.Equal(new Dictionary<RefundStatus, int> { [RefundStatus.PendingWithBank] = 3 },
            await _engine.Get<RefundQueries>().CountByStatusAsync(Viewer, new RefundFilter()));
        Assert.Equal(await FiguresRecountedAsync(db), await FiguresKeptAsync(db));
        await WaitForAsync(() => ids.All(id => changes.Count(c => c.RefundId == id && c.Status == RefundStatus.PendingWithBank) == 1));
    }

    [Fact]
    public async Task A_refund_whose_dispatcher_lease_ran_out_goes_in_a_file_and_the_lease_is_cleared()
    {
        var refund = await ApprovedAsync();
        var lease = typeof(Refund).GetMethod("TryLeaseForPayout", BindingFlags.Instance | BindingFlags.NonPublic)!;
        var now = _engine.Clock.GetUtcNow();
        // A dispatcher instance took it and was never heard of again.
        await _engine.Get<UnitOfWork>().RunAsync(async (db, ct) =>
        {
            var tracked = await db.Refunds.SingleAsync(r => r.Id == refund.Id, ct);
            return (bool)lease.Invoke(tracked, ["gone-instance", now, now.AddMinutes(1)])!;
        }, default);
        _engine.Clock.Advance(TimeSpan.FromMinutes(2));

        var file = await Files.CreateAsync(Checker);

        var filed = await _engine.RefundByIdAsync(refund.Id);
        Assert.Equal(1, file.TransactionCount);
        Assert.Equal((RefundStatus.PendingWithBank, null), (filed.Status, filed.PayoutLease));
    }

    [Fact]
    public async Task With_no_approved_refund_waiting_no_file_is_made()
    {
        await ApprovedAsync();
        await Files.CreateAsync(Checker);

        var refused = await Assert.ThrowsAsync<RuleViolation>(() => Files.CreateAsync(Checker));

        Assert.Equal(ErrorCode.NoRefundsToFile, refused.Code);
        Assert.Null(await Files.CreateScheduledAsync());
        Assert.Equal(1, (await Queries.ListAsync(Viewer, 0, 10)).TotalElements);
    }

    [Fact]
    public async Task Only_approvers_make_send_or_void_files_and_viewers_read_them()
    {
        await ApprovedAsync();

        var refused = await Assert.ThrowsAsync<RuleViolation>(() => Files.CreateAsync(Viewer));
        var file = await Files.CreateAsync(Checker);

        Assert.Equal(ErrorCode.OperationNotAllowed, refused.Code);
        Assert.Equal(ErrorCode.OperationNotAllowed, (await Assert.ThrowsAsync<RuleViolation>(() => Files.VoidAsync(Maker, file.Id))).Code);
        Assert.Equal(ErrorCode.OperationNotAllowed, (await Assert.ThrowsAsync<RuleViolation>(() => Files.MarkSentAsync(Viewer, file.Id))).Code);
        Assert.NotNull(await Queries.FindAsync(Viewer, file.Id));
    }

    [Fact]
    public async Task Files_made_at_once_by_two_requests_and_two_instances_never_share_a_refund()
    {
        var refunds = new List<Refund>();
        for (var i = 0; i < 20; i++) refunds.Add(await ApprovedAsync(1m));
        await using var other = await StartAsync(database: _engine.Database, services: BankFileRail.Use());

        var attempts = await Task.WhenAll(new[] { Files, Files, other.Get<PayoutFiles>(), other.Get<PayoutFiles>() }
            .Select(files => Task.Run(async () =>
            {
                try
                {
                    return await files.CreateAsync(Checker);
                }
                catch (RuleViolation violation) when (violation.Code == ErrorCode.NoRefundsToFile)
                {
                    return null;
                }
            })));

        var made = attempts.OfType<PayoutFile>().ToList();
        var filed = new List<Guid>();
        foreach (var file in made) filed.AddRange((await Queries.RefundsAsync(Viewer, file.Id)).Select(r => r.RefundId));
        Assert.NotEmpty(made);
        Assert.Equal(refunds.Select(r => r.Id).Order(), filed.Order());
        Assert.Equal(20, made.Sum(f => f.TransactionCount));
    }

    [Fact]
    public async Task The_database_refuses_a_refund_in_a_second_live_file_whatever_the_code_does()
    {
        await ApprovedAsync();
        await Files.CreateAsync(Checker);
        await using var db = await _engine.NewContextAsync();
        // Guids are text on SQLite (as EF writes them) and uuid on PostgreSQL.
        object otherFile = Provider == DatabaseProvider.Sqlite ? Guid.NewGuid().ToString().ToUpperInvariant() : Guid.NewGuid();

        // A second file holding the same refund, written past the engine.
        await db.Database.ExecuteSqlRawAsync(
            "INSERT INTO payout_files SELECT {0}, 'OTHER', \"Format\", \"CreatedBy\", \"CreatedByName\", \"CreatedAt\", \"State\", \"SentBy\", \"SentByName\", \"SentAt\", " +
            "\"VoidedBy\", \"VoidedByName\", \"VoidedAt\", \"Sha256\", \"TransactionCount\", \"SettledCount\", \"RejectedCount\", \"Version\" FROM payout_files", otherFile);
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync(
            "INSERT INTO payout_file_items (\"FileId\", \"RefundId\", \"LiveRefundId\", \"PaymentBlockId\", \"AmountMinor\", \"CurrencyCode\") " +
            "SELECT {0}, \"RefundId\", \"LiveRefundId\", 'OTHER-1', \"AmountMinor\", \"CurrencyCode\" FROM payout_file_items", otherFile));

        Assert.Contains("unique", refused.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Voiding_a_file_returns_its_refunds_to_approved_and_they_go_in_the_next_file()
    {
        var refund = await ApprovedAsync(30m);
        var voided = await Files.CreateAsync(Checker);
        var changes = new List<RefundStatusChanged>();
        using var subscription = _engine.Get<RefundStatusNotifier>().SubscribeToLocalCommits(c => { lock (changes) changes.Add(c); return Task.CompletedTask; });

        await Files.VoidAsync(SecondChecker, voided.Id);
        var back = await _engine.RefundByIdAsync(refund.Id);
        var next = await Files.CreateAsync(Checker);

        Assert.Equal(RefundStatus.Approved, back.Status);
        Assert.Equal(7000, back.Payment.Refundable.MinorUnits);
        Assert.Equal((RefundStatus.PendingWithBank, RefundStatus.Approved, "checker-2"),
            (back.History.OrderBy(e => e.Id).Last().From!.Value, back.History.OrderBy(e => e.Id).Last().To, back.History.OrderBy(e => e.Id).Last().ActorId));
        Assert.Equal(PayoutFileStatus.Voided, (await Queries.FindAsync(Viewer, voided.Id))!.File.Status);
        Assert.True(Assert.Single(await Queries.RefundsAsync(Viewer, voided.Id)).Withdrawn);
        Assert.Equal(refund.Id, Assert.Single(await Queries.RefundsAsync(Viewer, next.Id)).RefundId);
        Assert.Equal(next.Id, (await Queries.FileOfRefundAsync(Viewer, refund.Id))!.Id);
        await WaitForAsync(() => changes.Any(c => c.RefundId == refund.Id && c.Status == RefundStatus.Approved));
    }

    [Fact]
    public async Task A_sent_file_cannot_be_voided_and_a_voided_one_cannot_be_sent()
    {
        await ApprovedAsync();
        var sent = await Files.CreateAsync(Checker);
        await ApprovedAsync();
        var voided = await Files.CreateAsync(Checker);

        await Files.MarkSentAsync(Checker, sent.Id);
        await Files.VoidAsync(Checker, voided.Id);

        Assert.Equal(ErrorCode.InvalidStatusTransition, (await Assert.ThrowsAsync<RuleViolation>(() => Files.VoidAsync(Checker, sent.Id))).Code);
        Assert.Equal(ErrorCode.InvalidStatusTransition, (await Assert.ThrowsAsync<RuleViolation>(() => Files.MarkSentAsync(Checker, voided.Id))).Code);
        Assert.Equal(ErrorCode.InvalidStatusTransition, (await Assert.ThrowsAsync<RuleViolation>(() => Files.VoidAsync(Checker, voided.Id))).Code);
        Assert.Equal(ErrorCode.PayoutFileNotFound, (await Assert.ThrowsAsync<RuleViolation>(() => Files.VoidAsync(Checker, Guid.NewGuid()))).Code);
        var file = (await Queries.FindAsync(Viewer, sent.Id))!.File;
        Assert.Equal((PayoutFileStatus.Sent, "checker"), (file.Status, file.SentBy));
    }

    [Fact]
    public async Task On_the_bank_file_rail_the_dispatcher_sends_nothing_to_the_simulated_bank()
    {
        var refund = await ApprovedAsync();

        Assert.Equal(0, await _engine.Get<PayoutDispatcher>().DispatchDueAsync());
        await using var db = await _engine.NewContextAsync();
        Assert.Empty(await db.SimulatedPayouts.ToListAsync());
        Assert.Equal(RefundStatus.Approved, (await _engine.RefundByIdAsync(refund.Id)).Status);
    }

    private static async Task<List<(FigureKey, FigureTotal)>> FiguresRecountedAsync(RefundsDbContext db) =>
        (await FigureRecount.CountAsync(db)).Totals.Where(t => !t.Value.IsZero).Select(t => (t.Key, t.Value))
            .OrderBy(t => t.Key.ToString(), StringComparer.Ordinal).ToList();

    private static async Task<List<(FigureKey, FigureTotal)>> FiguresKeptAsync(RefundsDbContext db) =>
        (await db.DailyFigures.AsNoTracking().ToListAsync()).Where(f => f.Count != 0 || f.AmountMinor != 0)
            .Select(f => (new FigureKey(f.Day, f.CurrencyCode, f.Measure, f.Key), new FigureTotal(f.Count, f.AmountMinor)))
            .OrderBy(t => t.Item1.ToString(), StringComparer.Ordinal).ToList();

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var waited = 0; !condition(); waited += 20)
        {
            if (waited > 5000) Assert.Fail("The change was never published.");
            await Task.Delay(20);
        }
    }

    public sealed class OnSqlite : PayoutFilesTests
    {
        protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
    }

    public sealed class OnPostgreSql : PayoutFilesTests
    {
        protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
    }
}
