using Refunds.Core.Access;
using Refunds.Core.Payments;

namespace Refunds.Core.Approvals;

/// <summary>
/// One version of the approval policy: tiers per currency saying how many approvals, and whose, a refund
/// of a given amount needs. A version's tiers never change; a change is a new version, proposed by one
/// admin and put in force by another. Refunds keep the requirement of the version they were created under.
/// </summary>
public sealed class ApprovalPolicy
{
    private readonly List<ApprovalTier> _tiers = [];

    private ApprovalPolicy()
    {
        ProposedBy = null!;
        ProposedByName = null!;
    }

    private ApprovalPolicy(int version, IEnumerable<ApprovalTier> tiers, Actor proposer, DateTimeOffset at)
    {
        Version = version;
        _tiers.AddRange(tiers.OrderBy(t => t.CurrencyCode, StringComparer.Ordinal).ThenBy(t => t.FromAmountMinor));
        Status = ApprovalPolicyStatus.Proposed;
        ProposedBy = proposer.Id;
        ProposedByName = proposer.DisplayName;
        ProposedAt = at;
    }

    /// <summary>1 for the policy seeded from the settings, then one more for each proposal.</summary>
    public int Version { get; private set; }

    public ApprovalPolicyStatus Status { get; private set; }

    /// <summary>By currency, then by the amount each starts at.</summary>
    public IReadOnlyList<ApprovalTier> Tiers => _tiers;

    public string ProposedBy { get; private set; }

    public string ProposedByName { get; private set; }

    public DateTimeOffset ProposedAt { get; private set; }

    /// <summary>The admin who approved or rejected the proposal (the system for the seeded version).</summary>
    public string? DecidedBy { get; private set; }

    public string? DecidedByName { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }

    /// <summary>Optimistic concurrency token: two decisions on one proposal, or two proposals put in force at once, cannot both commit.</summary>
    public long Revision { get; private set; }

    /// <summary>What a refund of <paramref name="amount"/> needs under this version: its highest tier the amount reaches, else one approval.</summary>
    public ApprovalRequirement RequirementFor(Money amount)
    {
        var tier = _tiers.Where(t => t.CurrencyCode == amount.Currency.Code && t.FromAmountMinor <= amount.MinorUnits)
            .MaxBy(t => t.FromAmountMinor);
        return tier is null ? ApprovalRequirement.Default(Version) : new ApprovalRequirement(Version, tier.Approvals, tier.Role);
    }

    /// <summary>The first version, from the settings: in force at once, put there by the system.</summary>
    internal static ApprovalPolicy Seeded(IReadOnlyList<ApprovalTier> tiers, DateTimeOffset at)
    {
        var seeded = new ApprovalPolicy(1, Checked(tiers), Actor.System, at);
        seeded.Decide(ApprovalPolicyStatus.Active, Actor.System, at);
        return seeded;
    }

    internal static ApprovalPolicy Proposal(int version, IReadOnlyList<ApprovalTier> tiers, Actor proposer, DateTimeOffset at) =>
        new(version, Checked(tiers), proposer, at);

    internal void Activate(Actor approver, DateTimeOffset at) => Decide(ApprovalPolicyStatus.Active, approver, at);

    internal void Reject(Actor approver, DateTimeOffset at) => Decide(ApprovalPolicyStatus.Rejected, approver, at);

    internal void Supersede()
    {
        if (Status != ApprovalPolicyStatus.Active)
            throw new InvalidOperationException($"Only the version in force is superseded; version {Version} is {WireName.Of(Status)}.");
        Status = ApprovalPolicyStatus.Superseded;
        Revision++;
    }

    private void Decide(ApprovalPolicyStatus to, Actor decider, DateTimeOffset at)
    {
        if (Status != ApprovalPolicyStatus.Proposed)
            throw new RuleViolation(ErrorCode.InvalidStatusTransition,
                $"Approval policy version {Version} is {WireName.Of(Status)}; only a proposal awaiting a decision can be approved or rejected.");
        Status = to;
        DecidedBy = decider.Id;
        DecidedByName = decider.DisplayName;
        DecidedAt = at;
        Revision++;
    }

    /// <summary>The most tiers one version may have.</summary>
    public const int MaxTiers = 100;

    // Two tiers of one currency starting at the same amount would leave which applies to chance.
    private static IReadOnlyList<ApprovalTier> Checked(IReadOnlyList<ApprovalTier> tiers)
    {
        if (tiers.Count > MaxTiers)
            throw new RuleViolation(ErrorCode.InvalidRequest, $"An approval policy has at most {MaxTiers} tiers; got {tiers.Count}.");
        var twice = tiers.GroupBy(t => (t.CurrencyCode, t.FromAmountMinor)).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null)
            throw new RuleViolation(ErrorCode.InvalidRequest,
                $"Two tiers of {twice.Key.CurrencyCode} start at {twice.First().FromAmount}; each tier of a currency starts at its own amount.");
        return tiers;
    }
}
