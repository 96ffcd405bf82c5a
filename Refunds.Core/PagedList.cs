using Microsoft.EntityFrameworkCore;

namespace Refunds.Core;

/// <summary>One page of a longer list. Pages count from 0, as Lean's do.</summary>
public sealed record PagedList<T>(IReadOnlyList<T> Items, int Page, int Size, long TotalElements)
{
    public const int DefaultSize = 50;
    public const int MaxSize = 500;

    public int TotalPages => (int)((TotalElements + Size - 1) / Size);

    /// <summary>Reads one page of an ordered query, and how many rows the whole query holds, in the database.</summary>
    internal static async Task<PagedList<T>> ReadAsync(IQueryable<T> ordered, int page, int size, CancellationToken cancellationToken)
    {
        EnsureValid(page, size);
        var total = await ordered.LongCountAsync(cancellationToken);
        var items = await ordered.Skip(page * size).Take(size).ToListAsync(cancellationToken);
        return new PagedList<T>(items, page, size, total);
    }

    /// <summary>Checks paging asked for by a caller: page ≥ 0, 1 ≤ size ≤ <see cref="MaxSize"/>.</summary>
    internal static void EnsureValid(int page, int size)
    {
        if (page < 0) throw new RuleViolation(ErrorCode.InvalidRequest, $"page counts from 0; got {page}.");
        if (size is < 1 or > MaxSize) throw new RuleViolation(ErrorCode.InvalidRequest, $"size must be between 1 and {MaxSize}; got {size}.");
    }
}
