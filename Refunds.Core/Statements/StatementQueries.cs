using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Refunds.Core.Access;
using Refunds.Core.Payments;

namespace Refunds.Core.Statements;

/// <summary>Imported statements and their lines, for operators and integrations that may read payments.</summary>
public sealed class StatementQueries(IDbContextFactory<Persistence.RefundsDbContext> contexts, IOptions<StatementOptions> options)
{
    /// <summary>How many payments <see cref="MatchablePaymentsAsync"/> offers at most.</summary>
    public const int MaxMatchable = 20;

    /// <summary>A page of a statement's lines, with the candidate payments of the ambiguous ones among them.</summary>
    public sealed record LinePage(PagedList<ImportedStatementLine> Lines, IReadOnlyDictionary<Guid, Payment> Candidates);

    /// <summary>Imports, newest first.</summary>
    public async Task<PagedList<StatementImport>> ListAsync(Actor actor, int page, int size, CancellationToken cancellationToken = default)
    {
        actor.Require(Permission.ReadPayments, "see bank statements");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await PagedList<StatementImport>.ReadAsync(db.StatementImports.AsNoTracking().OrderByDescending(i => i.ImportedAt).ThenByDescending(i => i.Id),
            page, size, cancellationToken);
    }

    public async Task<StatementImport?> FindAsync(Actor actor, Guid importId, CancellationToken cancellationToken = default)
    {
        actor.Require(Permission.ReadPayments, "see bank statements");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.StatementImports.AsNoTracking().SingleOrDefaultAsync(i => i.Id == importId, cancellationToken);
    }

    /// <summary>
    /// What an operator may match a line to by hand: settled payments not yet reconciled, in the line's
    /// currency and amount (within the tolerance), newest first; none for a currency we do not pay in.
    /// </summary>
    public async Task<IReadOnlyList<Payment>> MatchablePaymentsAsync(Actor actor, ImportedStatementLine line, CancellationToken cancellationToken = default)
    {
        actor.Require(Permission.ReadPayments, "see payments");
        if (!Currency.TryFind(line.CurrencyCode, out var currency)) return [];
        var tolerance = options.Value.AmountTolerance;
        // Whole minor units within the tolerance, as the matcher's own comparison counts them.
        var factor = Enumerable.Repeat(10m, currency.MinorUnits).Aggregate(1m, (a, b) => a * b);
        var (low, high) = ((long)Math.Ceiling((line.Amount - tolerance) * factor), (long)Math.Floor((line.Amount + tolerance) * factor));
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Payments.AsNoTracking()
            .Where(p => p.CurrencyCode == currency.Code && p.AmountMinor >= low && p.AmountMinor <= high
                        && p.ReconciledAt == null && p.Status == PaymentStatus.AcceptedByBank)
            .OrderByDescending(p => p.CreatedAt).Take(MaxMatchable).ToListAsync(cancellationToken);
    }

    /// <summary>The lines of one import in file order, of one result when given; fails with STATEMENT_NOT_FOUND for an unknown import.</summary>
    public async Task<LinePage> LinesAsync(Actor actor, Guid importId, LineResult? result, int page, int size, CancellationToken cancellationToken = default)
    {
        actor.Require(Permission.ReadPayments, "see bank statements");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.StatementImports.AnyAsync(i => i.Id == importId, cancellationToken))
            throw new RuleViolation(ErrorCode.StatementNotFound, $"Statement {importId} does not exist.");
        var lines = db.StatementLines.AsNoTracking().Where(l => l.ImportId == importId);
        if (result is { } only) lines = lines.Where(l => l.Result == only);
        var paged = await PagedList<ImportedStatementLine>.ReadAsync(lines.OrderBy(l => l.Number), page, size, cancellationToken);
        var candidateIds = paged.Items.SelectMany(l => l.Candidates).Distinct().ToList();
        var candidates = candidateIds.Count == 0
            ? new Dictionary<Guid, Payment>()
            : await db.Payments.AsNoTracking().Where(p => candidateIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
        return new LinePage(paged, candidates);
    }
}
