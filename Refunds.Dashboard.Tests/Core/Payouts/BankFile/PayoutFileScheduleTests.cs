using Refunds.Core.Payouts.BankFile;

namespace Refunds.Dashboard.Tests.Core.Payouts.BankFile;

public class PayoutFileScheduleTests
{
    private static PayoutFileSchedule Parse(string text)
    {
        Assert.True(PayoutFileSchedule.TryParse(text, out var schedule, out var why), why);
        return schedule;
    }

    [Theory]
    [InlineData("every 1h", "2026-11-20T09:10:00Z", "2026-11-20T10:00:00Z")]
    [InlineData("every 30m", "2026-11-20T09:30:00Z", "2026-11-20T10:00:00Z")]
    [InlineData("every 4h", "2026-11-20T23:10:00Z", "2026-11-21T00:00:00Z")]
    public void Every_interval_falls_on_whole_multiples_since_midnight_utc_so_instances_agree(string text, string after, string next) =>
        Assert.Equal(DateTimeOffset.Parse(next), Parse(text).NextAfter(DateTimeOffset.Parse(after)));

    [Theory]
    // London is on GMT in winter and BST (UTC+1) in summer.
    [InlineData("daily 16:00 Europe/London", "2026-11-20T09:00:00Z", "2026-11-20T16:00:00Z")]
    [InlineData("daily 16:00 Europe/London", "2026-07-20T15:30:00Z", "2026-07-21T15:00:00Z")]
    [InlineData("daily 16:00 Asia/Dubai", "2026-11-20T12:00:00Z", "2026-11-21T12:00:00Z")]
    [InlineData("daily 06:00", "2026-11-20T05:00:00Z", "2026-11-20T06:00:00Z")]
    public void Daily_is_once_a_day_at_the_wall_clock_time_of_its_time_zone(string text, string after, string next) =>
        Assert.Equal(DateTimeOffset.Parse(next), Parse(text).NextAfter(DateTimeOffset.Parse(after)));

    [Theory]
    [InlineData("hourly", "every 30m")]
    [InlineData("every 0m", "from 1m to 24h")]
    [InlineData("every 25h", "from 1m to 24h")]
    [InlineData("daily 25:00 Europe/London", "HH:mm")]
    [InlineData("daily 16:00 Mars/Olympus", "not a known time zone")]
    public void A_schedule_it_cannot_read_is_refused_saying_how_to_write_one(string text, string saying)
    {
        Assert.False(PayoutFileSchedule.TryParse(text, out _, out var why));
        Assert.Contains(saying, why);
    }
}
