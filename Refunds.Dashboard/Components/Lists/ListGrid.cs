using MudBlazor;
using Refunds.Core;

namespace Refunds.Dashboard.Components.Lists;

/// <summary>
/// What the dashboard's server-side lists (Payments, Refunds, imported statements) share between their filters, the engine's
/// paged queries and MudBlazor's grid: the order asked for, a page of rows, the days picked, and going
/// back to the first page when a filter changes.
/// </summary>
public static class ListGrid
{
    /// <summary>The lists sort by when their rows were created, newest first unless the operator turned the column round.</summary>
    public static ListOrder OrderOf<T>(GridState<T> state) =>
        state.SortDefinitions.FirstOrDefault() is { Descending: false } ? ListOrder.OldestFirst : ListOrder.NewestFirst;

    public static GridData<T> Rows<T>(PagedList<T> page) => new() { Items = page.Items, TotalItems = (int)page.TotalElements };

    /// <summary>A page of rows made from the items read, for grids whose rows are a projection of them.</summary>
    public static GridData<TRow> Rows<TItem, TRow>(PagedList<TItem> page, Func<TItem, TRow> row) =>
        new() { Items = page.Items.Select(row).ToList(), TotalItems = (int)page.TotalElements };

    /// <summary>
    /// The instants a picked range of days covers, in UTC: from the start of its first day to the start of
    /// the day after its last (the filters' end is exclusive), so the last day is included in full.
    /// </summary>
    public static (DateTimeOffset? From, DateTimeOffset? To) Days(DateRange? range) => (
        range?.Start is { } start ? new DateTimeOffset(start.Date, TimeSpan.Zero) : null,
        range?.End is { } end ? new DateTimeOffset(end.Date.AddDays(1), TimeSpan.Zero) : null);

    /// <summary>
    /// The grid's table named by the page's heading. MudDataGrid puts its own attributes (an aria-label)
    /// on its wrapper, which leaves the table that assistive technology lists without a name.
    /// </summary>
    public static Dictionary<string, object?> NamedBy(string headingId) => new() { ["aria-labelledby"] = headingId };

    /// <summary>Other filters mean other pages: start again from the first (the grid loads it).</summary>
    public static async Task ShowFirstPageAsync<T>(MudDataGrid<T> grid)
    {
        if (grid.CurrentPage == 0) await grid.ReloadServerData();
        else grid.NavigateTo(Page.First);
    }
}
