using Refunds.Core.Access;
using Refunds.Core.Approvals;
using Refunds.Dashboard.Tests.Support;

namespace Refunds.Dashboard.Tests.Core.Approvals;

/// <summary>The policy and reviewers the approval tests share: the defaults of the settings, in short.</summary>
internal static class ApprovalTiers
{
    public static readonly Actor Senior = new("senior", "Salma Senior", ActorKind.Person,
        Permission.ReadRefunds | Permission.ApproveRefunds | Permission.ApproveSeniorRefunds);

    public static readonly Actor SecondSenior = new("senior-2", "Samir Senior", ActorKind.Person,
        Permission.ReadRefunds | Permission.ApproveRefunds | Permission.ApproveSeniorRefunds);

    public static readonly Actor PolicyAdmin = new("admin", "Amal Admin", ActorKind.Person, Permission.ReadRefunds | Permission.ManageApprovalPolicy);

    public static readonly Actor SecondPolicyAdmin = new("admin2", "Anwar Admin", ActorKind.Person, Permission.ReadRefunds | Permission.ManageApprovalPolicy);

    /// <summary>AED from 10,000 needs 2, from 100,000 two senior approvers; USD from 5,000 needs 2.</summary>
    public static IReadOnlyList<ApprovalTier> Defaults { get; } =
    [
        ApprovalTier.Of("AED", 10_000m, 2, null),
        ApprovalTier.Of("AED", 100_000m, 2, OperatorRoles.SeniorApprover),
        ApprovalTier.Of("USD", 5_000m, 2, null),
    ];

    public static Task SeedDefaultsAsync(this EngineHarness engine) => engine.Get<ApprovalPolicies>().SeedIfNoneAsync(Defaults);

    public static Actor Reviewer(int i) => new($"reviewer-{i}", $"Reviewer {i}", ActorKind.Person, Permission.ReadRefunds | Permission.ApproveRefunds);
}
