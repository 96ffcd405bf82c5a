using System.ComponentModel.DataAnnotations;

namespace Refunds.Core.Approvals;

/// <summary>Settings of the approval policy (section <c>Approvals</c>).</summary>
public sealed class ApprovalOptions
{
    public const string Section = "Approvals";

    /// <summary>
    /// The tiers of the policy's first version, written to the database on first start. After that the
    /// policy lives in the database and changes only by an admin's proposal another admin approves.
    /// </summary>
    public List<TierSetting> Tiers { get; set; } = [];

    /// <summary>A refund still awaiting approvals this long after it was created is cancelled by the system.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00")]
    public TimeSpan ExpireAfter { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often each instance looks for refunds that have waited too long.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan ExpiryCheckInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The settings' tiers as the policy's; a named error says which is wrong.</summary>
    public IReadOnlyList<ApprovalTier> TiersAsSet() =>
        Tiers.Select((t, i) =>
        {
            try
            {
                return ApprovalTier.Of(t.Currency, t.FromAmount, t.Approvals, t.Role);
            }
            catch (RuleViolation violation)
            {
                throw new RuleViolation(violation.Code, $"Approvals:Tiers:{i}: {violation.Message}");
            }
        }).ToList();

    /// <summary>One tier as written in the settings; <see cref="FromAmount"/> is in the currency's major units.</summary>
    public sealed class TierSetting
    {
        public string Currency { get; set; } = "";

        public decimal FromAmount { get; set; }

        public int Approvals { get; set; } = 1;

        public string? Role { get; set; }
    }
}
