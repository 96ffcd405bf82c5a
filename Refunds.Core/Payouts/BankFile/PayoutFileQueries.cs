using Microsoft.EntityFrameworkCore;
using Refunds.Core.Access;
using Refunds.Core.Payments;
using Refunds.Core.Persistence;
using Refunds.Core.Refunds;

namespace Refunds.Core.Payouts.BankFile;

/// <summary>A payout file's amount in one currency: how many refunds, how much in all.</summary>
public sealed record CurrencyTotal(int Count, Money Amount);

/// <summary>A payout file as lists show it: the file (its content not loaded) and its totals per currency.</summary>
public sealed record PayoutFileSummary(PayoutFile File, IReadOnlyList<CurrencyTotal> Totals);

/// <summary>One refund of a payout file, with where it is now.</summary>
public sealed record PayoutFileRefund(Guid RefundId, string EndToEndId, Money Amount, string BeneficiaryName, RefundStatus Status,
    TransferOutcome? Outcome, string? FailureReason, bool Withdrawn);

/// <summary>Reads payout files for lists, detail views and downloads.</summary>
public sealed class PayoutFileQueries(IDbContextFactory<RefundsDbContext> contexts)
{
    /// <summary>Newest first.</summary>
    public async Task<PagedList<PayoutFileSummary>> ListAsync(Actor actor, int page, int size, CancellationToken cancellationToken = default)
    {
        actor.Require(Permission.ReadRefunds, "see payout files");
        PagedList<PayoutFile>.EnsureValid(page, size);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var files = await PagedList<PayoutFile>.ReadAsync(db.PayoutFiles.AsNoTracking().OrderByDescending(f => f.CreatedAt).ThenByDescending(f => f.Id), page, size, cancellationToken);
        var totals = await TotalsAsync(db, files.Items.Select(f => f.Id).ToList(), cancellationToken);
        return new PagedList<PayoutFileSummary>(files.Items.Select(f => new PayoutFileSummary(f, totals[f.Id].ToList())).ToList(),
            files.Page, files.Size, files.TotalElements);
    }

    public async Task<PayoutFileSummary?> FindAsync(Actor actor, Guid fileId, CancellationToken cancellationToken = default)
    {
        actor.Require(Permission.ReadRefunds, "see payout files");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var file = await db.PayoutFiles.AsNoTracking().SingleOrDefaultAsync(f => f.Id == fileId, cancellationToken);
        return file is null ? null : new PayoutFileSummary(file, (await TotalsAsync(db, [fileId], cancellationToken))[fileId].ToList());
    }

    /// <summary>The refunds of a file in the order they were filed; a voided file's are listed as withdrawn.</summary>
    public async Task<IReadOnlyList<PayoutFileRefund>> RefundsAsync(Actor actor, Guid fileId, CancellationToken cancellationToken = default)
    {
        actor.Require(Permission.ReadRefunds, "see payout files");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.PayoutFileItems.AsNoTracking().Where(i => i.FileId == fileId)
            .Join(db.Refunds, i => i.RefundId, r => r.Id, (i, r) => new
            {
                i.RefundId, i.AmountMinor, i.CurrencyCode, r.Beneficiary.Name, r.Status, i.Outcome, r.FailureReason, Withdrawn = i.LiveRefundId == null, r.CreatedAt,
            })
            .OrderBy(r => r.CreatedAt).ThenBy(r => r.RefundId)
            .ToListAsync(cancellationToken);
        return rows.Select(r => new PayoutFileRefund(r.RefundId, RefundEndToEndId.Of(r.RefundId), new Money(r.AmountMinor, Currency.Of(r.CurrencyCode)),
            r.Name, r.Status, r.Outcome, r.FailureReason, r.Withdrawn)).ToList();
    }

    /// <summary>The file's XML as it was written, under the name to download it as; null for no such file.</summary>
    public async Task<(string FileName, byte[] Xml)?> ContentAsync(Actor actor, Guid fileId, CancellationToken cancellationToken = default)
    {
        actor.Require(Permission.ReadRefunds, "download payout files");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var file = await db.PayoutFiles.AsNoTracking().SingleOrDefaultAsync(f => f.Id == fileId, cancellationToken);
        if (file is null) return null;
        var content = await db.PayoutFileContents.AsNoTracking().SingleAsync(c => c.FileId == fileId, cancellationToken);
        return (file.FileName, content.Xml);
    }

    /// <summary>The file that pays a refund now (not a voided one it was in before), or null.</summary>
    public async Task<PayoutFile?> FileOfRefundAsync(Actor actor, Guid refundId, CancellationToken cancellationToken = default)
    {
        actor.Require(Permission.ReadRefunds, "see payout files");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var fileId = await db.PayoutFileItems.AsNoTracking().Where(i => i.LiveRefundId == refundId).Select(i => (Guid?)i.FileId).SingleOrDefaultAsync(cancellationToken);
        return fileId is null ? null : await db.PayoutFiles.AsNoTracking().SingleAsync(f => f.Id == fileId, cancellationToken);
    }

    private static async Task<ILookup<Guid, CurrencyTotal>> TotalsAsync(RefundsDbContext db, List<Guid> fileIds, CancellationToken cancellationToken)
    {
        var sums = await db.PayoutFileItems.AsNoTracking().Where(i => EF.Parameter(fileIds).Contains(i.FileId))
            .GroupBy(i => new { i.FileId, i.CurrencyCode })
            .Select(g => new { g.Key.FileId, g.Key.CurrencyCode, Count = g.Count(), Sum = g.Sum(i => i.AmountMinor) })
            .ToListAsync(cancellationToken);
        return sums.OrderBy(s => s.CurrencyCode, StringComparer.Ordinal)
            .ToLookup(s => s.FileId, s => new CurrencyTotal(s.Count, new Money(s.Sum, Currency.Of(s.CurrencyCode))));
    }
}
