using System.Globalization;
using Refunds.Core;
using Refunds.Core.Payments;

namespace Refunds.Dashboard.Components;

/// <summary>How the pages write amounts, instants, ids and engine refusals, the same way everywhere.</summary>
public static class Display
{
    /// <summary>
    /// MudBlazor's link look for a plain <c>&lt;a&gt;</c>. Lists link every row; a <c>MudLink</c> component a
    /// row would cost each operator's circuit its state and two render buffers (bench figure 6).
    /// </summary>
    public const string LinkClass = "mud-typography mud-link mud-primary-text mud-link-underline-hover";

    /// <summary>"1,250.500": the currency's own number of decimals, without its code (grids show it in its own column).</summary>
    public static string Number(Money money) =>
        money.Major.ToString("N" + money.Currency.MinorUnits, CultureInfo.InvariantCulture);

    /// <summary>What an amount field is prefilled with: no thousands separators, so it reads back as typed.</summary>
    public static string Editable(Money money) =>
        money.Major.ToString("F" + money.Currency.MinorUnits, CultureInfo.InvariantCulture);

    /// <summary>Instants are shown in UTC, as the engine and the bank statements record them.</summary>
    public static string When(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";

    public static string When(DateTimeOffset? at) => at is { } value ? When(value) : "—";

    /// <summary>For grid cells, whose column header already says UTC.</summary>
    public static string Moment(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>
    /// The last eight characters of a UUID: enough to tell rows apart. Not the first ones: refund ids
    /// are time-ordered (version 7), so ids made minutes apart share their start. The full id is in
    /// the title and on the detail page.
    /// </summary>
    public static string ShortId(Guid id) => id.ToString("N")[^8..];

    /// <summary>"45 s", "12 min", "3.5 h", "2.1 d": a duration as people read it; "—" when there is none.</summary>
    public static string Duration(TimeSpan? duration) => duration switch
    {
        null => "—",
        { TotalMinutes: < 1 } d => d.TotalSeconds.ToString("0", CultureInfo.InvariantCulture) + " s",
        { TotalHours: < 1 } d => d.TotalMinutes.ToString("0.#", CultureInfo.InvariantCulture) + " min",
        { TotalDays: < 1 } d => d.TotalHours.ToString("0.#", CultureInfo.InvariantCulture) + " h",
        { } d => d.TotalDays.ToString("0.#", CultureInfo.InvariantCulture) + " d",
    };

    /// <summary>"12.5 %": a fraction as a percentage; "—" when there is nothing to divide by.</summary>
    public static string Rate(decimal? fraction) =>
        fraction is { } value ? (value * 100).ToString("0.#", CultureInfo.InvariantCulture) + " %" : "—";

    /// <summary>"820 bytes", "12.4 KB", "50 MB": a file's size as people read it.</summary>
    public static string Bytes(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} bytes",
        < 1024 * 1024 => (bytes / 1024d).ToString("0.#", CultureInfo.InvariantCulture) + " KB",
        _ => (bytes / (1024d * 1024)).ToString("0.#", CultureInfo.InvariantCulture) + " MB",
    };

    /// <summary>A statement line's amount as the bank wrote it, in a currency we may not pay in: its own decimals, then its code.</summary>
    public static string Amount(decimal amount, string currencyCode) =>
        (Currency.TryFind(currencyCode, out var currency) ? amount.ToString("N" + currency.MinorUnits, CultureInfo.InvariantCulture)
            : amount.ToString("#,0.##########", CultureInfo.InvariantCulture)) + " " + currencyCode;

    /// <summary>The engine's sentence for a refusal; a refused one-item batch reads as its item's message.</summary>
    public static string Problem(RuleViolation violation) =>
        violation is BatchViolation { Items.Count: 1 } batch ? batch.Items[0].Message : violation.Message;
}
