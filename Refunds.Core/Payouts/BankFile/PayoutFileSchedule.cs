using System.Globalization;
using System.Text.RegularExpressions;

namespace Refunds.Core.Payouts.BankFile;

/// <summary>
/// When payout files are made on their own (setting <c>BankFile:Schedule</c>), in one of two forms:
/// <list type="bullet">
/// <item><c>every 30m</c>, <c>every 1h</c>, <c>every 4h</c>: at whole multiples of the interval since midnight UTC,
/// so every instance runs at the same moments (and only one of them finds refunds to file);</item>
/// <item><c>daily 16:00 Europe/London</c>: once a day at that wall-clock time in that IANA time zone (UTC when none is given).</item>
/// </list>
/// </summary>
public sealed partial class PayoutFileSchedule
{
    private readonly TimeSpan? _every;
    private readonly TimeOnly _at;
    private readonly TimeZoneInfo _zone = TimeZoneInfo.Utc;

    private PayoutFileSchedule(TimeSpan every) => _every = every;

    private PayoutFileSchedule(TimeOnly at, TimeZoneInfo zone)
    {
        _at = at;
        _zone = zone;
    }

    public static bool TryParse(string? text, out PayoutFileSchedule schedule, out string why)
    {
        schedule = null!;
        why = "";
        var value = text?.Trim() ?? "";
        if (EveryPattern().Match(value) is { Success: true } every)
        {
            var count = int.Parse(every.Groups[1].Value, CultureInfo.InvariantCulture);
            var interval = every.Groups[2].Value.Equals("h", StringComparison.OrdinalIgnoreCase) ? TimeSpan.FromHours(count) : TimeSpan.FromMinutes(count);
            if (interval < TimeSpan.FromMinutes(1) || interval > TimeSpan.FromDays(1))
            {
                why = "the interval must be from 1m to 24h.";
                return false;
            }
            schedule = new PayoutFileSchedule(interval);
            return true;
        }
        if (DailyPattern().Match(value) is { Success: true } daily)
        {
            if (!TimeOnly.TryParseExact(daily.Groups[1].Value, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
            {
                why = "the time of day must be HH:mm, from 00:00 to 23:59.";
                return false;
            }
            var zone = TimeZoneInfo.Utc;
            if (daily.Groups[2].Success && !TimeZoneInfo.TryFindSystemTimeZoneById(daily.Groups[2].Value, out zone))
            {
                why = $"'{daily.Groups[2].Value}' is not a known time zone (use an IANA name such as Europe/London).";
                return false;
            }
            schedule = new PayoutFileSchedule(at, zone!);
            return true;
        }
        why = "write \"every 30m\", \"every 1h\" or \"daily 16:00 Europe/London\".";
        return false;
    }

    /// <summary>The first time strictly after <paramref name="after"/> a file is due.</summary>
    public DateTimeOffset NextAfter(DateTimeOffset after)
    {
        if (_every is { } every)
        {
            var utc = after.ToUniversalTime();
            var sinceMidnight = utc - new DateTimeOffset(utc.Date, TimeSpan.Zero);
            var next = new DateTimeOffset(utc.Date, TimeSpan.Zero) + every * (Math.Floor(sinceMidnight / every) + 1);
            return next;
        }
        var localDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(after, _zone).DateTime);
        for (var day = localDay.AddDays(-1); ; day = day.AddDays(1))
        {
            var local = day.ToDateTime(_at);
            // A time the clocks skip over (spring forward) is taken an hour later that day.
            if (_zone.IsInvalidTime(local)) local = local.AddHours(1);
            var candidate = new DateTimeOffset(local, _zone.GetUtcOffset(local));
            if (candidate > after) return candidate.ToUniversalTime();
        }
    }

    [GeneratedRegex(@"^every\s+(\d{1,4})\s*([mh])$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EveryPattern();

    [GeneratedRegex(@"^daily\s+(\d{2}:\d{2})(?:\s+(\S+))?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DailyPattern();
}
