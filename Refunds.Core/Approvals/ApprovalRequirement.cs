namespace Refunds.Core.Approvals;

/// <summary>
/// What a refund needs before it is paid: how many distinct reviewers (never its maker) must approve it,
/// and the role each of them must hold, under the policy version in force when it was created.
/// </summary>
/// <param name="PolicyVersion">The policy version it was read from; null when no policy had been set up.</param>
public sealed record ApprovalRequirement(int? PolicyVersion, int Approvals, string? Role)
{
    /// <summary>One approval by anyone who reviews refunds: what a refund needs where no tier applies.</summary>
    public static ApprovalRequirement Default(int? policyVersion) => new(policyVersion, 1, null);
}
