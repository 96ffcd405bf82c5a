using System.Text;
using System.Xml;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Refunds.Core.Access;
using Refunds.Core.Persistence;
using Refunds.Core.Refunds;

namespace Refunds.Core.Payouts.BankFile;

/// <summary>
/// Makes, sends and voids payout files. Making one takes every approved refund not yet in a file, writes
/// the pain.001, and moves the refunds to PENDING_WITH_BANK, all in one unit of work: two makers at once
/// (requests or instances) meet at the unique index on <see cref="PayoutFileItem.LiveRefundId"/>, and the
/// loser re-runs and finds only what is left.
/// </summary>
public sealed class PayoutFiles(UnitOfWork unitOfWork, IOptions<BankFileOptions> options, TimeProvider clock)
{
    private static readonly XmlWriterSettings Xml = new() { Encoding = new UTF8Encoding(false), Indent = true };

    /// <summary>A file of every approved refund not yet in one; NO_REFUNDS_TO_FILE when there are none.</summary>
    public async Task<PayoutFile> CreateAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        actor.Require(Permission.ApproveRefunds, "create payout files");
        return await CreateFileAsync(actor, cancellationToken)
            ?? throw new RuleViolation(ErrorCode.NoRefundsToFile, "No approved refund is waiting for a payout file.");
    }

    /// <summary>What the schedule does: a file made by the system when refunds are waiting, null when none are.</summary>
    public Task<PayoutFile?> CreateScheduledAsync(CancellationToken cancellationToken = default) => CreateFileAsync(Actor.System, cancellationToken);

    private Task<PayoutFile?> CreateFileAsync(Actor actor, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var debtor = settings.DebtorAccount;
        return unitOfWork.RunAsync(async (db, ct) =>
        {
            var now = clock.GetUtcNow();
            // Not tracked: a file changes thousands of refunds in one way (SetBasedSave), and tracking them
            // with their payments cost more than the rest of the file.
            var refunds = await db.Refunds.AsNoTracking().AsSplitQuery().Include(r => r.Payment)
                .Where(r => r.Status == RefundStatus.Approved && (r.PayoutLease == null || r.PayoutLease.Until <= now))
                .OrderBy(r => r.CreatedAt).ThenBy(r => r.Id)
                .ToListAsync(ct);
            if (refunds.Count == 0) return null;
            var read = new UntrackedRefunds(db, refunds);

            var file = new PayoutFile(Pain001Writer.MessageName(settings.Version), actor, now);
            var executionDate = DateOnly.FromDateTime(now.UtcDateTime);
            var transfers = refunds.Select(r => new CreditTransfer(r.Id, r.Amount, r.Beneficiary.Name, r.Beneficiary.Iban,
                r.ExternalReference ?? $"Refund {r.Id:N}", executionDate)).ToList();
            var content = new MemoryStream();
            IReadOnlyDictionary<Guid, string> blocks;
            using (var xml = XmlWriter.Create(content, Xml))
                blocks = Pain001Writer.Write(xml, settings.Version, file.MessageId, now, debtor, transfers);
            var held = file.Hold(content.ToArray(), refunds.Count);
            var items = new List<PayoutFileItem>(refunds.Count);
            foreach (var refund in refunds)
            {
                items.Add(new PayoutFileItem(file.Id, refund, blocks[refund.Id]));
                refund.AddToPayoutFile(file.MessageId, actor, now);
            }
            // A file's rows go in a few statements, not one a row (SetBasedSave); the file first, as its items name it.
            await SetBasedSave.InsertAsync(db, [file], ct);
            await SetBasedSave.InsertAsync(db, [held], ct);
            await SetBasedSave.SaveRefundsAsync(db, read, ct);
            await SetBasedSave.InsertAsync(db, items, ct);
            return file;
        }, cancellationToken);
    }

    /// <summary>The file was uploaded to the bank: it can no longer be voided.</summary>
    public Task<PayoutFile> MarkSentAsync(Actor actor, Guid fileId, CancellationToken cancellationToken = default)
    {
        actor.Require(Permission.ApproveRefunds, "mark payout files sent");
        return unitOfWork.RunAsync(async (db, ct) =>
        {
            var file = await FileAsync(db, fileId, ct);
            file.MarkSent(actor, clock.GetUtcNow());
            return file;
        }, cancellationToken);
    }

    /// <summary>Withdraws a file not yet sent: its refunds go back to APPROVED, free to go in a new file.</summary>
    public Task<PayoutFile> VoidAsync(Actor actor, Guid fileId, CancellationToken cancellationToken = default)
    {
        actor.Require(Permission.ApproveRefunds, "void payout files");
        return unitOfWork.RunAsync(async (db, ct) =>
        {
            var file = await FileAsync(db, fileId, ct);
            var now = clock.GetUtcNow();
            file.Void(actor, now);
            var items = await db.PayoutFileItems.Where(i => i.FileId == fileId && i.LiveRefundId != null).ToListAsync(ct);
            var ids = items.Select(i => i.RefundId).ToList();
            var refunds = await db.Refunds.Include(r => r.Payment).Where(r => EF.Parameter(ids).Contains(r.Id)).ToDictionaryAsync(r => r.Id, ct);
            foreach (var item in items)
            {
                item.Withdraw();
                refunds[item.RefundId].ReturnFromVoidedFile(file.MessageId, actor, now);
            }
            return file;
        }, cancellationToken);
    }

    internal static async Task<PayoutFile> FileAsync(RefundsDbContext db, Guid fileId, CancellationToken cancellationToken) =>
        await db.PayoutFiles.SingleOrDefaultAsync(f => f.Id == fileId, cancellationToken)
        ?? throw new RuleViolation(ErrorCode.PayoutFileNotFound, $"Payout file {fileId} does not exist.");
}
