using Refunds.Core.Access;
using Refunds.Core.Payments;

namespace Refunds.Core.Approvals;

/// <summary>
/// From an amount on (inclusive, in one currency), refunds need this many distinct approvals, each from
/// someone holding <see cref="Role"/> when it is set.
/// </summary>
public sealed class ApprovalTier
{
    /// <summary>The most approvals a tier may ask for.</summary>
    public const int MaxApprovals = 5;

    private ApprovalTier()
    {
        CurrencyCode = null!;
    }

    private ApprovalTier(Money fromAmount, int approvals, string? role)
    {
        CurrencyCode = fromAmount.Currency.Code;
        FromAmountMinor = fromAmount.MinorUnits;
        Approvals = approvals;
        Role = role;
    }

    public string CurrencyCode { get; private set; }

    public long FromAmountMinor { get; private set; }

    public int Approvals { get; private set; }

    /// <summary>The role every approval in this tier must come from; null when any reviewer will do.</summary>
    public string? Role { get; private set; }

    public Money FromAmount => new(FromAmountMinor, Currency.Of(CurrencyCode));

    /// <summary>A tier as set up or proposed; a named error says what is wrong with one that cannot be.</summary>
    public static ApprovalTier Of(string? currency, decimal fromAmount, int approvals, string? role)
    {
        if (!Currency.TryFind(currency?.Trim(), out var found))
            throw new RuleViolation(ErrorCode.InvalidCurrency, $"'{currency}' is not an ISO 4217 currency code.");
        if (approvals is < 1 or > MaxApprovals)
            throw new RuleViolation(ErrorCode.InvalidRequest, $"A tier needs 1 to {MaxApprovals} approvals, not {approvals}.");
        var trimmedRole = string.IsNullOrWhiteSpace(role) ? null : role.Trim();
        if (trimmedRole is not null && !OperatorRoles.ApprovalRoles.Contains(trimmedRole))
            throw new RuleViolation(ErrorCode.InvalidRequest,
                $"'{role}' is not a role a tier can ask for; use {string.Join(" or ", OperatorRoles.ApprovalRoles)}, or none.");
        return new ApprovalTier(Money.FromMajor(fromAmount, found), approvals, trimmedRole);
    }
}
