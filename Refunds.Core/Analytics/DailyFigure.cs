namespace Refunds.Core.Analytics;

/// <summary>
/// How many refunds (or payments) of one currency, created on one UTC day, a measure counts under one
/// key, and their amount. Kept up to date in the transaction of every change that moves them
/// (<see cref="FigureTally"/>), so the Overview and the status counts read a few rows a day instead of
/// every refund.
/// </summary>
public sealed class DailyFigure
{
    private DailyFigure()
    {
        CurrencyCode = null!;
        Key = null!;
    }

    internal DailyFigure(FigureKey key, FigureTotal total)
    {
        Day = key.Day;
        CurrencyCode = key.CurrencyCode;
        Measure = key.Measure;
        Key = key.Key;
        Count = total.Count;
        AmountMinor = total.AmountMinor;
    }

    /// <summary>The UTC midnight starting the day the refund (or payment) was created.</summary>
    public DateTimeOffset Day { get; private set; }

    public string CurrencyCode { get; private set; }

    public FigureMeasure Measure { get; private set; }

    public string Key { get; private set; }

    public long Count { get; private set; }

    public long AmountMinor { get; private set; }

    internal FigureKey FigureKey => new(Day, CurrencyCode, Measure, Key);
}

/// <summary>Which <see cref="DailyFigure"/> a count belongs to.</summary>
public readonly record struct FigureKey(DateTimeOffset Day, string CurrencyCode, FigureMeasure Measure, string Key)
{
    /// <summary>The UTC day an instant falls on, as the midnight starting it.</summary>
    public static DateTimeOffset DayOf(DateTimeOffset instant) => new(instant.UtcDateTime.Date, TimeSpan.Zero);
}

/// <summary>A count and an amount in minor units, added up.</summary>
public readonly record struct FigureTotal(long Count, long AmountMinor)
{
    public static FigureTotal operator +(FigureTotal a, FigureTotal b) => new(a.Count + b.Count, a.AmountMinor + b.AmountMinor);

    public bool IsZero => Count == 0 && AmountMinor == 0;
}
