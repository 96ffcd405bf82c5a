using Refunds.Core;
using Refunds.Core.Access;
using Refunds.Core.Approvals;
using Refunds.Core.Persistence;
using Refunds.Core.Refunds;
using Refunds.Dashboard.Tests.Support;
using static Refunds.Dashboard.Tests.Core.Approvals.ApprovalTiers;
using static Refunds.Dashboard.Tests.Support.EngineHarness;

namespace Refunds.Dashboard.Tests.Core.Approvals;

/// <summary>Changing the policy: proposed by one admin, put in force by another, never changing refunds already awaiting decisions.</summary>
public abstract class ApprovalPolicyVersionTests : EngineTest
{
    private ApprovalPolicies Policies => Engine.Get<ApprovalPolicies>();

    private static readonly IReadOnlyList<ApprovalTier> Stricter = [ApprovalTier.Of("AED", 10_000m, 3, null), ApprovalTier.Of("KWD", 1_000m, 2, null)];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Engine.SeedDefaultsAsync();
    }

    [Fact]
    public async Task Seeding_again_keeps_the_policy_already_in_the_database()
    {
        var seededAgain = await Policies.SeedIfNoneAsync(Stricter);

        var state = await Policies.CurrentAsync(Checker);
        Assert.False(seededAgain);
        Assert.Equal(1, state.InForce?.Version);
        Assert.Equal(3, state.InForce?.Tiers.Count);
        Assert.Equal((Actor.System.Id, Actor.System.Id), (state.InForce?.ProposedBy, state.InForce?.DecidedBy));
    }

    [Fact]
    public async Task A_proposal_is_not_in_force_until_another_admin_approves_it()
    {
        var proposal = await Policies.ProposeAsync(PolicyAdmin, Stricter);
        var whilePending = await Engine.RefundAsync(await Engine.PaymentAsync(15_000m), 15_000m);

        var ownApproval = await Refused.CodeOf(() => Policies.ApproveAsync(PolicyAdmin, proposal.Version));
        Engine.Clock.Advance(TimeSpan.FromMinutes(5));
        var approved = await Policies.ApproveAsync(SecondPolicyAdmin, proposal.Version);
        var afterwards = await Engine.RefundAsync(await Engine.PaymentAsync(15_000m), 15_000m);

        Assert.Equal(ErrorCode.MakerCheckerViolation, ownApproval);
        Assert.Equal((1, 2), ((await Engine.RefundByIdAsync(whilePending.Id)).ApprovalPolicyVersion, (await Engine.RefundByIdAsync(whilePending.Id)).ApprovalsRequired));
        Assert.Equal((2, 3), ((await Engine.RefundByIdAsync(afterwards.Id)).ApprovalPolicyVersion, (await Engine.RefundByIdAsync(afterwards.Id)).ApprovalsRequired));
        Assert.Equal((PolicyAdmin.Id, SecondPolicyAdmin.Id, Engine.Clock.GetUtcNow()), (approved.ProposedBy, approved.DecidedBy, approved.DecidedAt));
        var history = await Policies.HistoryAsync(Checker);
        Assert.Equal([(2, ApprovalPolicyStatus.Active), (1, ApprovalPolicyStatus.Superseded)], history.Select(p => (p.Version, p.Status)));
    }

    [Fact]
    public async Task A_refund_awaiting_approvals_keeps_what_it_needed_when_the_policy_changes()
    {
        var inFlight = await Engine.RefundAsync(await Engine.PaymentAsync(15_000m), 15_000m);
        await Engine.Refunds.DecideAsync(Checker, [new RefundDecision(inFlight.Id, RefundStatus.Approved)]);

        await Policies.ApproveAsync(SecondPolicyAdmin, (await Policies.ProposeAsync(PolicyAdmin, Stricter)).Version);
        await Engine.Refunds.DecideAsync(SecondChecker, [new RefundDecision(inFlight.Id, RefundStatus.Approved)]);

        Assert.Equal(RefundStatus.Approved, (await Engine.RefundByIdAsync(inFlight.Id)).Status);
    }

    [Fact]
    public async Task A_rejected_proposal_leaves_the_policy_in_force_and_a_second_proposal_waits_for_the_first_to_be_decided()
    {
        var first = await Policies.ProposeAsync(PolicyAdmin, Stricter);
        var second = await Refused.CodeOf(() => Policies.ProposeAsync(SecondPolicyAdmin, Stricter));

        var rejected = await Policies.RejectAsync(SecondPolicyAdmin, first.Version);
        var approveRejected = await Refused.CodeOf(() => Policies.ApproveAsync(SecondPolicyAdmin, first.Version));
        var third = await Policies.ProposeAsync(SecondPolicyAdmin, Stricter);

        Assert.Equal(ErrorCode.InvalidStatusTransition, second);
        Assert.Equal(ApprovalPolicyStatus.Rejected, rejected.Status);
        Assert.Equal(ErrorCode.InvalidStatusTransition, approveRejected);
        var state = await Policies.CurrentAsync(Checker);
        Assert.Equal((1, 3), (state.InForce?.Version, state.Proposal?.Version));
        Assert.Equal(third.Version, state.Proposal?.Version);
    }

    [Fact]
    public async Task Only_admins_propose_and_decide_policies()
    {
        Assert.Equal(ErrorCode.OperationNotAllowed, await Refused.CodeOf(() => Policies.ProposeAsync(Senior, Stricter)));
        var proposal = await Policies.ProposeAsync(PolicyAdmin, Stricter);
        Assert.Equal(ErrorCode.OperationNotAllowed, await Refused.CodeOf(() => Policies.ApproveAsync(Checker, proposal.Version)));
        Assert.Equal(ErrorCode.PolicyNotFound, await Refused.CodeOf(() => Policies.ApproveAsync(SecondPolicyAdmin, 99)));
    }

    [Theory]
    [InlineData("XXX", 10, 2, null, ErrorCode.InvalidCurrency)]
    [InlineData("AED", 0, 2, null, ErrorCode.InvalidAmount)]
    [InlineData("AED", 10, 0, null, ErrorCode.InvalidRequest)]
    [InlineData("AED", 10, 6, null, ErrorCode.InvalidRequest)]
    [InlineData("AED", 10, 2, "refunds.viewer", ErrorCode.InvalidRequest)]
    public void A_tier_outside_the_rules_is_refused_with_a_named_error(string currency, decimal from, int approvals, string? role, ErrorCode expected) =>
        Assert.Equal(expected, Assert.ThrowsAny<RuleViolation>(() => ApprovalTier.Of(currency, from, approvals, role)).Code);

    [Fact]
    public async Task Two_tiers_of_one_currency_starting_at_the_same_amount_are_refused()
    {
        var code = await Refused.CodeOf(() => Policies.ProposeAsync(PolicyAdmin, [ApprovalTier.Of("AED", 10m, 2, null), ApprovalTier.Of("AED", 10m, 3, null)]));

        Assert.Equal(ErrorCode.InvalidRequest, code);
    }

    public sealed class OnSqlite : ApprovalPolicyVersionTests;

    public sealed class OnPostgreSql : ApprovalPolicyVersionTests
    {
        protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
    }
}
