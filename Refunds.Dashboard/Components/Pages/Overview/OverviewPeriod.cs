namespace Refunds.Dashboard.Components.Pages.Overview;

/// <summary>The periods the Overview offers, all in whole UTC days up to the end of today.</summary>
public enum OverviewPeriod
{
    Today,
    Last7Days,
    Last30Days,
    Last90Days,
    Custom,
}

public static class OverviewPeriods
{
    public static string Label(OverviewPeriod period) => period switch
    {
        OverviewPeriod.Today => "Today",
        OverviewPeriod.Last7Days => "Last 7 days",
        OverviewPeriod.Last30Days => "Last 30 days",
        OverviewPeriod.Last90Days => "Last 90 days",
        _ => "Custom range",
    };

    /// <summary>[from, to) of a preset period ending with today (UTC), or of the custom days chosen (both included).</summary>
    public static (DateTimeOffset From, DateTimeOffset To) Range(OverviewPeriod period, DateTimeOffset now, DateTime? customStart = null, DateTime? customEnd = null)
    {
        var tomorrow = new DateTimeOffset(now.UtcDateTime.Date.AddDays(1), TimeSpan.Zero);
        return period switch
        {
            OverviewPeriod.Today => (tomorrow.AddDays(-1), tomorrow),
            OverviewPeriod.Last7Days => (tomorrow.AddDays(-7), tomorrow),
            OverviewPeriod.Last30Days => (tomorrow.AddDays(-30), tomorrow),
            OverviewPeriod.Last90Days => (tomorrow.AddDays(-90), tomorrow),
            _ => (new DateTimeOffset((customStart ?? now.UtcDateTime).Date, TimeSpan.Zero),
                new DateTimeOffset((customEnd ?? customStart ?? now.UtcDateTime).Date.AddDays(1), TimeSpan.Zero)),
        };
    }
}
