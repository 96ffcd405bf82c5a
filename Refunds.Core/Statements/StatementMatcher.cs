using Refunds.Core.Payments;

namespace Refunds.Core.Statements;

/// <summary>
/// The matching rules, in order; a payment fits a line only in the same currency and amount (within
/// <see cref="StatementOptions.AmountTolerance"/>):
/// <list type="number">
/// <item>the line's end-to-end id is a payment's id or merchant reference;</item>
/// <item>else its remittance text holds a payment's id or merchant reference as a whole token;</item>
/// <item>else (when <see cref="StatementOptions.MatchByDebtor"/>) the debtor's IBAN is the payer's and the payment was made within 3 days of the booking.</item>
/// </list>
/// The first rule under which any payment fits decides: one payment is a match, more are ambiguous.
/// </summary>
internal sealed class StatementMatcher(StatementOptions options)
{
    private static readonly TimeSpan DebtorWindow = TimeSpan.FromDays(3);

    /// <summary>What <paramref name="line"/> may name a payment by: its end-to-end id and its remittance tokens.</summary>
    public static IEnumerable<string> KeysOf(StatementLine line) =>
        (line.EndToEndId is { } e2e ? [e2e] : Enumerable.Empty<string>()).Concat(line.Remittance.SelectMany(Tokens));

    /// <summary>
    /// The whole tokens of a remittance text: runs of letters, digits, '-' and '_' (so "ORDER-1001." and
    /// "(ORDER-1001)" both hold ORDER-1001, and "XORDER-1001" does not).
    /// </summary>
    public static IEnumerable<string> Tokens(string text) =>
        text.Split(text.Where(c => !(char.IsLetterOrDigit(c) || c is '-' or '_')).Distinct().ToArray(), StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The payments under the first rule that finds any fitting the line: one is a match, more are ambiguous.</summary>
    public IReadOnlyList<Payment> FittingPayments(StatementLine line, PaymentIndex payments)
    {
        if (line.EndToEndId is { } e2e && Fitting(line, payments.Named(e2e)) is { Count: > 0 } byEndToEnd) return byEndToEnd;
        if (Fitting(line, line.Remittance.SelectMany(Tokens).SelectMany(payments.Named)) is { Count: > 0 } byRemittance) return byRemittance;
        if (options.MatchByDebtor && line is { DebtorIban: { } iban, BookingDate: { } booked })
        {
            var day = booked.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            return Fitting(line, payments.PaidFrom(iban).Where(p => (p.CreatedAt.UtcDateTime.Date - day).Duration() <= DebtorWindow));
        }
        return [];
    }

    /// <summary>Whether a payment is in the line's currency and amount.</summary>
    public bool Fits(ImportedStatementLine line, Payment payment) => Fits(line.CurrencyCode, line.Amount, payment);

    private List<Payment> Fitting(StatementLine line, IEnumerable<Payment> payments) =>
        payments.DistinctBy(p => p.Id).Where(p => Fits(line.CurrencyCode, line.Amount, p)).ToList();

    private bool Fits(string currency, decimal amount, Payment payment) =>
        string.Equals(currency, payment.CurrencyCode, StringComparison.OrdinalIgnoreCase)
        && Math.Abs(amount - payment.Amount.Major) <= options.AmountTolerance;
}
