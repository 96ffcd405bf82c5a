using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Refunds.Core.Access;
using Refunds.Core.BankFiles;
using Refunds.Core.Payments;
using Refunds.Core.Persistence;

namespace Refunds.Core.Statements;

/// <summary>
/// Imports bank statements and reconciles the payments their lines pay for. The file is read whole
/// first (streamed, hashed and size-checked): a file that cannot be read writes nothing. Then one unit
/// of work records the import and every line and reconciles each matched payment, so an import is all
/// or nothing, and a statement imported twice (or twice at once) is one import.
/// </summary>
public sealed class StatementImporter(UnitOfWork unitOfWork, IOptions<StatementOptions> options, TimeProvider clock)
{
    // Keys per query: each list travels as one parameter (EF.Parameter: a JSON array on SQLite, an array on
    // PostgreSQL) rather than EF's default of one parameter per key, which builds and parses 10,000-parameter SQL.
    private const int LookupChunk = 10_000;

    // Lines saved at a time within the import's transaction: bounds what the change tracker holds.
    private const int SaveChunk = 1_000;

    /// <summary>The outcome of an import: the import, and whether this call made it (false: the file was imported before).</summary>
    public sealed record Outcome(StatementImport Import, bool Created);

    public async Task<Outcome> ImportAsync(Actor actor, Stream file, StatementFileType type, CancellationToken cancellationToken = default)
    {
        actor.Require(Permission.WritePayments, "import bank statements");
        var settings = options.Value;
        var statement = await ReadAsync(file, type, settings, cancellationToken);
        var matcher = new StatementMatcher(settings);

        return await unitOfWork.RunAsync(async (db, ct) =>
        {
            if (await db.StatementImports.SingleOrDefaultAsync(i => i.DeduplicationKey == statement.DeduplicationKey, ct) is { } earlier)
                return new Outcome(earlier, Created: false);

            var now = clock.GetUtcNow();
            var import = new StatementImport(statement.Format, statement.AccountIban, statement.Reference, statement.DeduplicationKey,
                statement.Sha256, actor, now);
            db.StatementImports.Add(import);
            var payments = await CandidatePaymentsAsync(db, statement.Lines, settings.MatchByDebtor, ct);
            foreach (var lines in statement.Lines.Chunk(SaveChunk))
            {
                var reconciled = new List<Payment>();
                foreach (var line in lines)
                {
                    var row = new ImportedStatementLine(import.Id, line, now);
                    if (line.IsCandidate) row.Resolve(Reconcile(row, matcher.FittingPayments(line, payments), import.Id, now, reconciled));
                    import.Count(row.Result);
                    db.StatementLines.Add(row);
                }
                // Saved as it goes, inside the same transaction (still all or nothing): the change tracker holds
                // one chunk's lines rather than a whole statement's, and each save walks only those.
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
                db.StatementImports.Attach(import);
                await SaveReconciledAsync(db, import.Id, reconciled, ct);
            }
            return new Outcome(import, Created: true);
        }, cancellationToken);
    }

    /// <summary>
    /// An operator matches an unmatched or ambiguous line to a payment of the same currency and amount,
    /// which is reconciled from the line; the line records who matched it and why.
    /// </summary>
    public Task<ImportedStatementLine> MatchAsync(Actor actor, Guid importId, Guid lineId, Guid paymentId, string? note,
        CancellationToken cancellationToken = default)
    {
        actor.Require(Permission.WritePayments, "match statement lines to payments");
        var checkedNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (checkedNote?.Length > InputLimits.Note)
            throw new RuleViolation(ErrorCode.InvalidRequest, $"The note is longer than {InputLimits.Note} characters.");
        var matcher = new StatementMatcher(options.Value);

        return unitOfWork.RunAsync(async (db, ct) =>
        {
            var line = await db.StatementLines.SingleOrDefaultAsync(l => l.Id == lineId && l.ImportId == importId, ct)
                ?? throw new RuleViolation(ErrorCode.StatementNotFound, $"Statement {importId} has no line {lineId}.");
            line.EnsureAwaitsMatch();
            var import = await db.StatementImports.SingleAsync(i => i.Id == importId, ct);
            var payment = await db.Payments.SingleOrDefaultAsync(p => p.Id == paymentId, ct)
                ?? throw new RuleViolation(ErrorCode.PaymentNotFound, $"Payment {paymentId} does not exist.");
            if (!matcher.Fits(line, payment))
                throw new RuleViolation(ErrorCode.InvalidAmount,
                    $"The line is {line.Amount} {line.CurrencyCode} and payment {paymentId} is {payment.Amount}: a match needs the same currency and amount.");
            if (payment.IsReconciled)
                throw new RuleViolation(ErrorCode.PaymentConflict,
                    $"Payment {paymentId} is already reconciled against {payment.ReconciliationReference}.");

            var was = line.Result;
            var now = clock.GetUtcNow();
            line.MatchByHand(paymentId, actor, now, checkedNote);
            payment.MarkReconciled(line.ReconciliationReference, StatementDate(line) ?? now, importId);
            import.Count(was, by: -1);
            import.Count(LineResult.Matched);
            return line;
        }, cancellationToken);
    }

    /// <summary>
    /// Reconciles the one payment that fits (unless it cannot be), adding it to <paramref name="reconciled"/>
    /// to be saved with its chunk, or says why the line stays as it is.
    /// </summary>
    private static LineMatch Reconcile(ImportedStatementLine line, IReadOnlyList<Payment> fitting, Guid importId, DateTimeOffset now,
        List<Payment> reconciled)
    {
        switch (fitting.Count)
        {
            case 0:
                return LineMatch.Unmatched("No payment has this end-to-end id or a remittance reference in this currency and amount.");
            case > 1:
                return new LineMatch(LineResult.Ambiguous, null, [.. fitting.Select(p => p.Id)],
                    $"{fitting.Count} payments fit this line; pick the one it pays for.");
        }
        var payment = fitting[0];
        if (payment.IsReconciled)
            return new LineMatch(LineResult.AlreadyReconciled, payment.Id, [], $"Payment {payment.Id} was already reconciled against {payment.ReconciliationReference}.");
        if (payment.Status != PaymentStatus.AcceptedByBank)
            return LineMatch.Unmatched($"Payment {payment.Id} fits but is {WireName.Of(payment.Status)}: only payments accepted by the bank are reconciled.");
        payment.MarkReconciled(line.ReconciliationReference, StatementDate(line) ?? now, importId);
        reconciled.Add(payment);
        return new LineMatch(LineResult.Matched, payment.Id, [], "Matched automatically.");
    }

    /// <summary>
    /// Writes what <see cref="Payment.MarkReconciled"/> did to a chunk's payments with one UPDATE per booking
    /// date rather than one per payment: each takes its reference from the line that matched it (saved just
    /// before), and only while it is still unreconciled. Fewer rows updated than asked for means another
    /// request reconciled one meanwhile: the import has lost a race and runs again on fresh data.
    /// </summary>
    private static async Task SaveReconciledAsync(RefundsDbContext db, Guid importId, List<Payment> reconciled, CancellationToken cancellationToken)
    {
        foreach (var day in reconciled.GroupBy(p => p.ReconciledAt))
        {
            var ids = day.Select(p => p.Id).ToList();
            var updated = await db.Payments
                .Where(p => EF.Parameter(ids).Contains(p.Id) && p.ReconciledAt == null)
                .ExecuteUpdateAsync(set => set
                    .SetProperty(p => p.ReconciledAt, day.Key)
                    .SetProperty(p => p.StatementImportId, importId)
                    .SetProperty(p => p.ReconciliationReference, p => db.StatementLines
                        .Where(l => l.ImportId == importId && l.PaymentId == p.Id && l.Result == LineResult.Matched)
                        .Select(l => l.StatementReference + "/" + l.LineReference).First())
                    .SetProperty(p => p.Version, p => p.Version + 1), cancellationToken);
            if (updated != ids.Count)
                throw new DbUpdateConcurrencyException($"{ids.Count - updated} of {ids.Count} payments were reconciled by another request during the import.");
        }
    }

    private static DateTimeOffset? StatementDate(ImportedStatementLine line) =>
        line.BookingDate is { } day ? new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null;

    private static async Task<PaymentIndex> CandidatePaymentsAsync(RefundsDbContext db, IReadOnlyList<StatementLine> lines, bool byDebtor,
        CancellationToken cancellationToken)
    {
        var candidates = lines.Where(l => l.IsCandidate).ToList();
        var keys = candidates.SelectMany(StatementMatcher.KeysOf).Distinct(StringComparer.Ordinal).ToList();
        var ids = keys.Select(k => Guid.TryParse(k, out var id) ? id : (Guid?)null).OfType<Guid>().Distinct().ToList();
        var payments = new List<Payment>();
        foreach (var chunk in ids.Chunk(LookupChunk))
            payments.AddRange(await db.Payments.AsNoTracking().Where(p => EF.Parameter(chunk).Contains(p.Id)).ToListAsync(cancellationToken));
        foreach (var chunk in keys.Chunk(LookupChunk))
            payments.AddRange(await db.Payments.AsNoTracking().Where(p => p.MerchantReference != null && EF.Parameter(chunk).Contains(p.MerchantReference)).ToListAsync(cancellationToken));
        if (byDebtor)
        {
            var ibans = candidates.Select(l => l.DebtorIban).OfType<string>().Select(Iban.Normalize).Distinct().ToList();
            foreach (var chunk in ibans.Chunk(LookupChunk))
                payments.AddRange(await db.Payments.AsNoTracking().Where(p => EF.Parameter(chunk).Contains(p.Payer.Iban)).ToListAsync(cancellationToken));
        }
        return new PaymentIndex(payments);
    }

    private sealed record ReadStatement(StatementFormat Format, string? AccountIban, string Reference, string DeduplicationKey, string Sha256,
        IReadOnlyList<StatementLine> Lines);

    private static async Task<ReadStatement> ReadAsync(Stream file, StatementFileType type, StatementOptions settings, CancellationToken cancellationToken)
    {
        await using var counted = new CountingHashStream(file, settings.MaxFileBytes);
        if (type == StatementFileType.Csv)
        {
            // A CSV names no statement: it is known by its content, and its lines by the hash's first digits.
            var lines = await CsvStatementReader.ReadLinesAsync(counted, "", settings.CsvColumns, cancellationToken).ToListAsync(cancellationToken);
            var sha = counted.Sha256;
            var reference = $"CSV-{sha[..12]}";
            return new ReadStatement(StatementFormat.Csv, null, reference, $"csv:{sha}", sha, [.. lines.Select(l => l with { StatementId = reference })]);
        }
        using var reader = await CamtStatementReader.OpenAsync(counted, cancellationToken);
        var camtLines = await reader.ReadLinesAsync(cancellationToken).ToListAsync(cancellationToken);
        var statementId = reader.FirstStatementId ?? throw new BankFileException("The file holds no statement (<Stmt> or <Ntfctn> with an <Id>).");
        return new ReadStatement(reader.Format, reader.FirstAccountIban, statementId,
            $"{reader.Format.Kind}:{reader.FirstAccountIban}:{statementId}", counted.Sha256, camtLines);
    }
}
