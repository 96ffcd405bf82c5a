using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Refunds.Core.Access;
using Refunds.Core.Persistence;
using Refunds.Core.Refunds;

namespace Refunds.Core.Payouts.BankFile;

/// <summary>
/// Applies what the bank says of the payout files it was sent (a pain.002 or a camt.054): paid refunds
/// become ACCEPTED_BY_BANK, rejected ones FAILED with the ISO reason (their amount released), those still
/// on their way get a line in their timeline. One unit of work per report, kept with its SHA-256, so the
/// same report again (even twice at once) changes nothing and answers as the first time did.
/// </summary>
public sealed class StatusReports(UnitOfWork unitOfWork, IOptions<BankFileOptions> options, TimeProvider clock)
{
    /// <summary>The report as applied, and whether it had been applied before (nothing changed this time).</summary>
    public sealed record Outcome(ReceivedStatusReport Report, bool AlreadyApplied);

    public async Task<Outcome> ApplyAsync(Actor actor, Stream file, CancellationToken cancellationToken = default)
    {
        actor.Require(Permission.ApproveRefunds, "apply bank status reports");
        var content = await ReadBoundedAsync(file, options.Value.MaxReportBytes, cancellationToken);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(content));
        var report = await PaymentStatusReportReader.ReadAsync(new MemoryStream(content, writable: false), cancellationToken);

        return await unitOfWork.RunAsync(async (db, ct) =>
        {
            if (await db.ReceivedStatusReports.SingleOrDefaultAsync(r => r.Sha256 == sha256, ct) is { } earlier)
                return new Outcome(earlier, AlreadyApplied: true);

            var now = clock.GetUtcNow();
            var received = new ReceivedStatusReport(report, sha256, actor, now);
            db.ReceivedStatusReports.Add(received);
            var unknown = new List<string>();
            var said = new Dictionary<Guid, TransferStatus>();
            foreach (var transfer in report.Transfers)
            {
                if (RefundEndToEndId.TryRead(transfer.EndToEndId, out var refundId)) said.TryAdd(refundId, transfer);
                else unknown.Add(transfer.EndToEndId);
            }
            var namedIds = said.Keys.Select(id => (Guid?)id).ToList();
            // Nothing here is tracked: a report moves thousands of refunds, their payments and items, and SetBasedSave
            // writes what they changed; the files and the report itself go with the save.
            var items = await db.PayoutFileItems.AsNoTracking().Where(i => EF.Parameter(namedIds).Contains(i.LiveRefundId)).ToListAsync(ct);
            unknown.AddRange(said.Keys.Except(items.Select(i => i.RefundId)).Select(RefundEndToEndId.Of));

            // A rejected payment block or a rejected message fails every refund of it the report does not name itself.
            if (report.RejectedBlocks.Count > 0)
            {
                var blockIds = report.RejectedBlocks.Keys.ToList();
                items.AddRange(await db.PayoutFileItems.AsNoTracking().Where(i => i.LiveRefundId != null && EF.Parameter(blockIds).Contains(i.PaymentBlockId)).ToListAsync(ct));
            }
            if (report.GroupRejection is not null)
            {
                if (await db.PayoutFiles.SingleOrDefaultAsync(f => f.MessageId == report.OriginalMessageId, ct) is { } rejectedFile)
                    items.AddRange(await db.PayoutFileItems.AsNoTracking().Where(i => i.FileId == rejectedFile.Id && i.LiveRefundId != null).ToListAsync(ct));
                else unknown.Add(report.OriginalMessageId ?? "");
            }
            items = items.DistinctBy(i => i.RefundId).ToList();

            var fileIds = items.Select(i => i.FileId).Distinct().ToList();
            var files = await db.PayoutFiles.Where(f => EF.Parameter(fileIds).Contains(f.Id)).ToDictionaryAsync(f => f.Id, ct);
            var refundIds = items.Select(i => i.RefundId).ToList();
            var read = await UntrackedRefundsWithPayments.ReadAsync(db, db.Refunds.AsSplitQuery().Where(r => EF.Parameter(refundIds).Contains(r.Id)), ct);
            var refunds = read.ById;
            var readItems = new UntrackedRows<PayoutFileItem>(db, items);
            foreach (var item in items)
            {
                var status = said.GetValueOrDefault(item.RefundId)
                    ?? new TransferStatus(RefundEndToEndId.Of(item.RefundId), TransferOutcome.Rejected, "RJCT",
                        report.RejectedBlocks.GetValueOrDefault(item.PaymentBlockId) ?? report.GroupRejection);
                var file = files[item.FileId];
                // A report on a file proves the bank has it, whether or not someone marked it sent.
                if (file.State == PayoutFileStatus.Created) file.MarkSent(actor, now);
                received.Count(status.Outcome);
                Apply(refunds[item.RefundId], status, report.MessageId, now);
                if (item.Settle(status.Outcome)) file.CountOutcome(status.Outcome);
            }
            await read.SaveAsync(db, ct);
            await SetBasedSave.SaveModifiedAsync(db, readItems, ct);
            received.ListUnknown(unknown);
            return new Outcome(received, AlreadyApplied: false);
        }, cancellationToken);
    }

    private static void Apply(Refund refund, TransferStatus status, string reportId, DateTimeOffset now)
    {
        var already = status.Outcome switch
        {
            TransferOutcome.Settled => RefundStatus.AcceptedByBank,
            TransferOutcome.Rejected => RefundStatus.Failed,
            _ => RefundStatus.PendingWithBank,
        };
        if (refund.Status == RefundStatus.PendingWithBank && status.Outcome == TransferOutcome.Settled) refund.MarkAcceptedByBank(now);
        else if (refund.Status == RefundStatus.PendingWithBank && status.Outcome == TransferOutcome.Rejected)
            refund.MarkFailed(status.Reason ?? StatusReasons.Describe(null), now);
        else if (refund.Status == RefundStatus.PendingWithBank)
            refund.RecordBankNotice($"The bank reports {status.StatusCode} (still on its way) in {reportId}", now);
        // A report that contradicts a final outcome (paid, then rejected) changes nothing, and says so in the timeline.
        else if (refund.Status != already && status.Outcome != TransferOutcome.Pending)
            refund.RecordBankNotice($"The bank reports {status.StatusCode}{(status.Reason is null ? "" : $" ({status.Reason})")} in {reportId} "
                + $"after the refund was {WireName.Of(refund.Status)}; left as it was", now);
    }

    private static async Task<byte[]> ReadBoundedAsync(Stream file, long maxBytes, CancellationToken cancellationToken)
    {
        var content = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = await file.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (content.Length + read > maxBytes)
                throw new RuleViolation(ErrorCode.PayloadTooLarge, $"The status report is larger than {maxBytes} bytes (BankFile:MaxReportBytes).");
            content.Write(buffer, 0, read);
        }
        return content.ToArray();
    }
}
