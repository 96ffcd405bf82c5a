using Refunds.Core;
using Refunds.Core.BankFiles;
using Refunds.Core.Payouts.BankFile;
using Refunds.Core.Persistence;
using Refunds.Core.Refunds;
using Refunds.Dashboard.Tests.Support;
using static Refunds.Dashboard.Tests.Support.BankReports;
using static Refunds.Dashboard.Tests.Support.EngineHarness;

namespace Refunds.Dashboard.Tests.Core.Payouts.BankFile;

public abstract class StatusReportsTests : IAsyncLifetime
{
    private EngineHarness _engine = null!;

    protected abstract DatabaseProvider Provider { get; }

    public async Task InitializeAsync() => _engine = await StartAsync(provider: Provider, services: BankFileRail.Use());

    public async Task DisposeAsync() => await _engine.DisposeAsync();

    private StatusReports Reports => _engine.Get<StatusReports>();

    private PayoutFileQueries Queries => _engine.Get<PayoutFileQueries>();

    /// <summary>A file of <paramref name="count"/> approved refunds of 10 AED each, marked sent.</summary>
    private async Task<(PayoutFile File, List<Refund> Refunds)> SentFileAsync(int count)
    {
        var refunds = new List<Refund>();
        for (var i = 0; i < count; i++)
        {
            var refund = await _engine.RefundAsync(await _engine.PaymentAsync(100m));
            refunds.Add((await _engine.Refunds.DecideAsync(Checker, [new RefundDecision(refund.Id, RefundStatus.Approved)]))[0]);
        }
        var file = await _engine.Get<PayoutFiles>().CreateAsync(Checker);
        await _engine.Get<PayoutFiles>().MarkSentAsync(Checker, file.Id);
        return (file, refunds);
    }

    private async Task<StatusReports.Outcome> ApplyAsync(string xml) => await Reports.ApplyAsync(Checker, AsStream(xml));

    [Theory]
    [InlineData("03")]
    [InlineData("10")]
    public async Task A_pain_002_settles_rejects_with_the_iso_reason_and_records_pending_refunds(string version)
    {
        var (file, refunds) = await SentFileAsync(3);

        var outcome = await ApplyAsync(Pain002(version, file.MessageId,
            [new Status(refunds[0].Id, "ACSC"), new Status(refunds[1].Id, "RJCT", "AC04"), new Status(refunds[2].Id, "ACSP")], "PART"));

        var (paid, failed, pending) = (await _engine.RefundByIdAsync(refunds[0].Id), await _engine.RefundByIdAsync(refunds[1].Id), await _engine.RefundByIdAsync(refunds[2].Id));
        Assert.Equal((false, $"pain.002.001.{version}", 1, 1, 1), (outcome.AlreadyApplied, outcome.Report.Format, outcome.Report.Accepted, outcome.Report.Rejected, outcome.Report.Pending));
        Assert.Empty(outcome.Report.Unknown);
        Assert.Equal((RefundStatus.AcceptedByBank, 1000L), (paid.Status, paid.Payment.Refunded.MinorUnits));
        Assert.Equal((RefundStatus.Failed, "AC04 Closed account number", 10000L), (failed.Status, failed.FailureReason, failed.Payment.Refundable.MinorUnits));
        Assert.Equal(RefundStatus.PendingWithBank, pending.Status);
        Assert.Contains("ACSP", pending.History.OrderBy(e => e.Id).Last().Note);
        Assert.Equal(PayoutFileStatus.PartlySettled, (await Queries.FindAsync(Viewer, file.Id))!.File.Status);
    }

    [Fact]
    public async Task Refunds_of_one_payment_settled_and_rejected_by_one_report_both_move_that_payment()
    {
        var payment = await _engine.PaymentAsync(100m);
        var refunds = new List<Refund>();
        foreach (var amount in new[] { 10m, 25m, 5m })
        {
            var refund = await _engine.RefundAsync(payment, amount);
            refunds.Add((await _engine.Refunds.DecideAsync(Checker, [new RefundDecision(refund.Id, RefundStatus.Approved)]))[0]);
        }
        var file = await _engine.Get<PayoutFiles>().CreateAsync(Checker);

        await ApplyAsync(Pain002("10", file.MessageId,
            [new Status(refunds[0].Id, "ACSC"), new Status(refunds[1].Id, "ACSC"), new Status(refunds[2].Id, "RJCT", "AC04")], "PART"));

        var after = (await _engine.PaymentByIdAsync(payment.Id)).Refunded.MinorUnits;
        var refundable = (await _engine.PaymentByIdAsync(payment.Id)).Refundable.MinorUnits;
        Assert.Equal((3_500L, 6_500L), (after, refundable));
    }

    [Theory]
    [InlineData("02")]
    [InlineData("08")]
    public async Task A_camt_054_booked_debit_settles_its_refund_and_a_file_all_settled_is_settled(string version)
    {
        var (file, refunds) = await SentFileAsync(2);

        var first = await ApplyAsync(Camt054(version, [(refunds[0].Id, 10m, true), (refunds[1].Id, 10m, false)], id: "NTF-A"));
        var afterFirst = (await Queries.FindAsync(Viewer, file.Id))!.File.Status;
        await ApplyAsync(Camt054(version, [(refunds[1].Id, 10m, true)], id: "NTF-B"));

        Assert.Equal(($"camt.054.001.{version}", 1, 0, 1), (first.Report.Format, first.Report.Accepted, first.Report.Rejected, first.Report.Pending));
        Assert.Equal(PayoutFileStatus.PartlySettled, afterFirst);
        Assert.All(refunds, r => Assert.Equal(RefundStatus.AcceptedByBank, _engine.RefundByIdAsync(r.Id).Result.Status));
        Assert.Equal(PayoutFileStatus.Settled, (await Queries.FindAsync(Viewer, file.Id))!.File.Status);
    }

    [Fact]
    public async Task A_rejected_message_fails_every_refund_of_that_file_and_no_other()
    {
        var (rejected, refunds) = await SentFileAsync(2);
        var (_, others) = await SentFileAsync(1);

        var outcome = await ApplyAsync(Pain002("10", rejected.MessageId, [], "RJCT", "FF01"));

        Assert.Equal(2, outcome.Report.Rejected);
        Assert.All(refunds, r => Assert.Equal((RefundStatus.Failed, "FF01 Invalid file format"),
            (_engine.RefundByIdAsync(r.Id).Result.Status, _engine.RefundByIdAsync(r.Id).Result.FailureReason)));
        Assert.Equal(RefundStatus.PendingWithBank, (await _engine.RefundByIdAsync(others[0].Id)).Status);
        Assert.Equal(PayoutFileStatus.Settled, (await Queries.FindAsync(Viewer, rejected.Id))!.File.Status);
    }

    [Fact]
    public async Task A_rejected_payment_block_fails_its_refunds_with_the_blocks_reason()
    {
        var (file, refunds) = await SentFileAsync(2);

        await ApplyAsync(Pain002("10", file.MessageId, [], "PART", block: $"{file.MessageId}-1"));

        Assert.All(refunds, r => Assert.Equal("AM04 Insufficient funds", _engine.RefundByIdAsync(r.Id).Result.FailureReason));
    }

    [Fact]
    public async Task Ids_in_no_live_file_are_listed_as_unknown_and_change_nothing()
    {
        var (file, refunds) = await SentFileAsync(1);
        var approved = await _engine.RefundAsync(await _engine.PaymentAsync());
        var stranger = Guid.CreateVersion7();

        var outcome = await ApplyAsync(Pain002("10", file.MessageId, [new Status(stranger, "ACSC"), new Status(approved.Id, "RJCT", "AC04")]));

        Assert.Equal(new[] { RefundEndToEndId.Of(stranger), RefundEndToEndId.Of(approved.Id) }.Order(), outcome.Report.Unknown.Order());
        Assert.Equal((0, 0, 0), (outcome.Report.Accepted, outcome.Report.Rejected, outcome.Report.Pending));
        Assert.Equal(RefundStatus.Created, (await _engine.RefundByIdAsync(approved.Id)).Status);
        Assert.Equal(RefundStatus.PendingWithBank, (await _engine.RefundByIdAsync(refunds[0].Id)).Status);
    }

    [Fact]
    public async Task The_same_report_twice_even_at_once_changes_nothing_the_second_time()
    {
        var (file, refunds) = await SentFileAsync(2);
        var xml = Pain002("10", file.MessageId, [new Status(refunds[0].Id, "ACSP"), new Status(refunds[1].Id, "RJCT", "AC04")]);

        var both = await Task.WhenAll(Task.Run(() => ApplyAsync(xml)), Task.Run(() => ApplyAsync(xml)));
        var timeline = (await _engine.RefundByIdAsync(refunds[0].Id)).History.Count;
        var again = await ApplyAsync(xml);

        Assert.Single(both, o => o.AlreadyApplied);
        Assert.True(again.AlreadyApplied);
        Assert.Equal(both[0].Report.Id, again.Report.Id);
        Assert.Equal((1, 1), (again.Report.Pending, again.Report.Rejected));
        Assert.Equal(timeline, (await _engine.RefundByIdAsync(refunds[0].Id)).History.Count);
        Assert.Equal(1, (await Queries.FindAsync(Viewer, file.Id))!.File.RejectedCount);
    }

    [Fact]
    public async Task A_report_on_a_file_not_marked_sent_marks_it_sent_so_it_can_no_longer_be_voided()
    {
        var refund = await _engine.RefundAsync(await _engine.PaymentAsync());
        await _engine.Refunds.DecideAsync(Checker, [new RefundDecision(refund.Id, RefundStatus.Approved)]);
        var file = await _engine.Get<PayoutFiles>().CreateAsync(Checker);

        await ApplyAsync(Pain002("10", file.MessageId, [new Status(refund.Id, "ACSC")]));

        Assert.Equal(PayoutFileStatus.Settled, (await Queries.FindAsync(Viewer, file.Id))!.File.Status);
        Assert.Equal(ErrorCode.InvalidStatusTransition,
            (await Assert.ThrowsAsync<RuleViolation>(() => _engine.Get<PayoutFiles>().VoidAsync(Checker, file.Id))).Code);
    }

    [Fact]
    public async Task A_rejection_after_the_bank_paid_changes_nothing_and_says_so_in_the_timeline()
    {
        var (file, refunds) = await SentFileAsync(1);
        await ApplyAsync(Pain002("10", file.MessageId, [new Status(refunds[0].Id, "ACSC")], messageId: "STS-1"));

        await ApplyAsync(Pain002("10", file.MessageId, [new Status(refunds[0].Id, "RJCT", "AC04")], messageId: "STS-2"));

        var refund = await _engine.RefundByIdAsync(refunds[0].Id);
        Assert.Equal((RefundStatus.AcceptedByBank, 1000L), (refund.Status, refund.Payment.Refunded.MinorUnits));
        Assert.Contains("left as it was", refund.History.OrderBy(e => e.Id).Last().Note);
    }

    [Fact]
    public async Task Only_approvers_apply_reports_and_a_file_that_is_no_report_is_refused()
    {
        Assert.Equal(ErrorCode.OperationNotAllowed,
            (await Assert.ThrowsAsync<RuleViolation>(() => Reports.ApplyAsync(Viewer, AsStream(Pain002("10", "X", []))))).Code);
        Assert.Equal(ErrorCode.InvalidBankFile,
            (await Assert.ThrowsAsync<BankFileException>(() => Reports.ApplyAsync(Checker, AsStream("<Document/>")))).Code);
    }

    public sealed class OnSqlite : StatusReportsTests
    {
        protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
    }

    public sealed class OnPostgreSql : StatusReportsTests
    {
        protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
    }
}
