using MudBlazor;
using Refunds.Core;
using Refunds.Dashboard.Components.Lists;

namespace Refunds.Dashboard.Tests.Components.Lists;

public class ListGridTests
{
    [Fact]
    public void A_range_of_days_runs_from_the_start_of_its_first_day_to_the_start_of_the_day_after_its_last_in_UTC()
    {
        var (from, to) = ListGrid.Days(new DateRange(new DateTime(2026, 11, 2, 15, 30, 0), new DateTime(2026, 11, 5, 8, 0, 0)));

        Assert.Equal(new DateTimeOffset(2026, 11, 2, 0, 0, 0, TimeSpan.Zero), from);
        Assert.Equal(new DateTimeOffset(2026, 11, 6, 0, 0, 0, TimeSpan.Zero), to);
    }

    [Fact]
    public void No_range_or_an_open_end_leaves_that_end_unbounded()
    {
        Assert.Equal((null, null), ListGrid.Days(null));
        Assert.Equal((new DateTimeOffset(2026, 11, 2, 0, 0, 0, TimeSpan.Zero), null), ListGrid.Days(new DateRange(new DateTime(2026, 11, 2), null)));
    }

    [Fact]
    public void Lists_come_newest_first_unless_the_date_column_is_sorted_ascending()
    {
        var unsorted = new GridState<string>();
        var ascending = new GridState<string> { SortDefinitions = [new SortDefinition<string>("CreatedAt", Descending: false, Index: 0, SortFunc: s => s)] };
        var descending = new GridState<string> { SortDefinitions = [new SortDefinition<string>("CreatedAt", Descending: true, Index: 0, SortFunc: s => s)] };

        Assert.Equal(
            [ListOrder.NewestFirst, ListOrder.OldestFirst, ListOrder.NewestFirst],
            new[] { unsorted, ascending, descending }.Select(ListGrid.OrderOf));
    }

    [Fact]
    public void A_page_of_rows_tells_the_grid_how_many_rows_the_whole_list_holds()
    {
        var rows = ListGrid.Rows(new PagedList<string>(["a", "b"], Page: 3, Size: 2, TotalElements: 41));

        Assert.Equal(["a", "b"], rows.Items);
        Assert.Equal(41, rows.TotalItems);
    }
}
