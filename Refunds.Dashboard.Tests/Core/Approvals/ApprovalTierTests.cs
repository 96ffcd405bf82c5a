using Refunds.Core;
using Refunds.Core.Access;
using Refunds.Core.Approvals;
using Refunds.Core.Persistence;
using Refunds.Core.Refunds;
using Refunds.Dashboard.Tests.Support;
using static Refunds.Dashboard.Tests.Core.Approvals.ApprovalTiers;
using static Refunds.Dashboard.Tests.Support.EngineHarness;

namespace Refunds.Dashboard.Tests.Core.Approvals;

/// <summary>What a refund needs under the policy in force, and how reviewers' decisions count towards it.</summary>
public abstract class ApprovalTierTests : EngineTest
{
    private static readonly Actor TrustedClient = new("trusted-client", "Trusted client", ActorKind.Integration,
        Permission.ReadRefunds | Permission.WriteRefunds | Permission.ApproveRefunds);

    protected override void Configure(RefundsOptions options) => options.SelfApprovalClients = [TrustedClient.Id];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Engine.SeedDefaultsAsync();
    }

    private async Task<Refund> RefundOfAsync(decimal amount, string currency = "AED", Actor? maker = null) =>
        await Engine.RefundAsync(await Engine.PaymentAsync(amount, currency), amount, maker: maker);

    private Task<IReadOnlyList<Refund>> ApproveAsync(Actor reviewer, Refund refund, string? note = null) =>
        Engine.Refunds.DecideAsync(reviewer, [new RefundDecision(refund.Id, RefundStatus.Approved, note)]);

    [Theory]
    [InlineData(9_999.99, "AED", 1, null)]
    [InlineData(10_000, "AED", 2, null)]
    [InlineData(99_999.99, "AED", 2, null)]
    [InlineData(100_000, "AED", 2, OperatorRoles.SeniorApprover)]
    [InlineData(4_999.99, "USD", 1, null)]
    [InlineData(5_000, "USD", 2, null)]
    [InlineData(100_000, "SAR", 1, null)]
    public async Task A_refund_records_what_its_currency_and_amount_need_from_the_tier_it_reaches(double amount, string currency, int approvals, string? role)
    {
        var refund = await RefundOfAsync((decimal)amount, currency);

        var stored = await Engine.RefundByIdAsync(refund.Id);
        Assert.Equal((1, approvals, role), (stored.ApprovalPolicyVersion, stored.ApprovalsRequired, stored.ApprovalRole));
    }

    [Fact]
    public async Task Without_any_policy_a_refund_needs_one_approval()
    {
        await using var bare = await StartEngineAsync(_ => { });
        var refund = await bare.RefundAsync(await bare.PaymentAsync(50_000m), 50_000m);

        var stored = await bare.RefundByIdAsync(refund.Id);
        Assert.Equal((null, 1, null), (stored.ApprovalPolicyVersion, stored.ApprovalsRequired, stored.ApprovalRole));
    }

    [Fact]
    public async Task The_first_of_two_approvals_is_recorded_and_the_refund_still_awaits_the_second()
    {
        var refund = await RefundOfAsync(15_000m);

        var after = (await ApproveAsync(Checker, refund, "Matches the order"))[0];

        var stored = await Engine.RefundByIdAsync(refund.Id);
        Assert.Equal(RefundStatus.Created, stored.Status);
        var approval = Assert.Single(stored.Approvals);
        Assert.Equal((Checker.Id, Checker.DisplayName, Engine.Clock.GetUtcNow(), "Matches the order"), (approval.By, approval.ByName, approval.At, approval.Note));
        Assert.Null(stored.RefundIntentId);
        Assert.Null(stored.NextPayoutAttemptAt);
        Assert.Equal(1, after.ApprovalProgress.Missing);
    }

    [Fact]
    public async Task The_last_required_approval_from_another_reviewer_approves_the_refund_and_queues_its_payout()
    {
        var refund = await RefundOfAsync(15_000m);
        await ApproveAsync(Checker, refund);

        await ApproveAsync(SecondChecker, refund);

        var stored = await Engine.RefundByIdAsync(refund.Id);
        Assert.Equal(RefundStatus.Approved, stored.Status);
        Assert.Equal([Checker.Id, SecondChecker.Id], stored.Approvals.Select(a => a.By));
        Assert.Equal(SecondChecker.Id, stored.ActionedBy);
        Assert.NotNull(stored.RefundIntentId);
        Assert.Equal(Engine.Clock.GetUtcNow(), stored.NextPayoutAttemptAt);
        Assert.Equal([RefundStatus.Created, RefundStatus.Approved], stored.History.Select(e => e.To));
    }

    [Fact]
    public async Task Approve_fails_with_MAKER_CHECKER_VIOLATION_when_the_reviewer_already_approved_and_records_nothing()
    {
        var refund = await RefundOfAsync(15_000m);
        await ApproveAsync(Checker, refund);

        var violation = await Refused.By(() => ApproveAsync(Checker, refund));

        Assert.Equal(ErrorCode.MakerCheckerViolation, Assert.Single(((BatchViolation)violation).Items).Code);
        Assert.Single((await Engine.RefundByIdAsync(refund.Id)).Approvals);
        var actions = Engine.Get<MakerCheckerPolicy>().ActionsOn(Checker, await Engine.RefundByIdAsync(refund.Id));
        Assert.True(actions.Approve.Offered);
        Assert.Equal(ErrorCode.MakerCheckerViolation, actions.Approve.WhyNot?.Code);
        Assert.Null(actions.Reject.WhyNot);
    }

    [Fact]
    public async Task Approve_fails_with_OPERATION_NOT_ALLOWED_naming_the_role_when_the_reviewer_lacks_the_tiers_role()
    {
        var refund = await RefundOfAsync(100_000m);

        var violation = Assert.Single(((BatchViolation)await Refused.By(() => ApproveAsync(Checker, refund))).Items);

        Assert.Equal(ErrorCode.OperationNotAllowed, violation.Code);
        Assert.Contains(OperatorRoles.SeniorApprover, violation.Message);
        Assert.Equal(ErrorCode.OperationNotAllowed,
            await Refused.CodeOf(() => Engine.Refunds.DecideAsync(Checker, [new RefundDecision(refund.Id, RefundStatus.Rejected)])));
        Assert.Empty((await Engine.RefundByIdAsync(refund.Id)).Approvals);
    }

    [Fact]
    public async Task Two_senior_approvers_approve_a_refund_whose_tier_needs_them()
    {
        var refund = await RefundOfAsync(100_000m);

        await ApproveAsync(Senior, refund);
        await ApproveAsync(SecondSenior, refund);

        Assert.Equal(RefundStatus.Approved, (await Engine.RefundByIdAsync(refund.Id)).Status);
    }

    [Fact]
    public async Task One_rejection_rejects_a_refund_that_already_has_approvals_and_releases_its_amount()
    {
        var refund = await RefundOfAsync(15_000m);
        await ApproveAsync(Checker, refund);

        await Engine.Refunds.DecideAsync(SecondChecker, [new RefundDecision(refund.Id, RefundStatus.Rejected, "Wrong order")]);

        var stored = await Engine.RefundByIdAsync(refund.Id);
        Assert.Equal(RefundStatus.Rejected, stored.Status);
        Assert.Equal(0, stored.Payment.ReservedMinor);
    }

    [Fact]
    public async Task The_maker_never_counts_even_as_a_self_approving_client_where_the_tier_needs_more_than_one()
    {
        var payment = await Engine.PaymentAsync(20_000m);
        var small = await Engine.RefundAsync(payment, 500m, maker: TrustedClient);
        var large = await Engine.RefundAsync(payment, 15_000m, maker: TrustedClient);

        await ApproveAsync(TrustedClient, small);
        var code = await Refused.CodeOf(() => ApproveAsync(TrustedClient, large));

        Assert.Equal(RefundStatus.Approved, (await Engine.RefundByIdAsync(small.Id)).Status);
        Assert.Equal(ErrorCode.MakerCheckerViolation, code);
        Assert.Empty((await Engine.RefundByIdAsync(large.Id)).Approvals);
    }

    [Fact]
    public async Task A_self_approving_client_may_create_a_refund_approved_only_where_one_approval_is_all_it_needs()
    {
        var payment = await Engine.PaymentAsync(20_000m);

        var approved = (await Engine.Refunds.CreateAsync(TrustedClient,
            [new RefundRequest(payment.Id, 500m, "AED", "CUSTOMER_REQUEST", InitialStatus: RefundStatus.Approved)]))[0];
        var code = await Refused.CodeOf(() => Engine.Refunds.CreateAsync(TrustedClient,
            [new RefundRequest(payment.Id, 10_000m, "AED", "CUSTOMER_REQUEST", InitialStatus: RefundStatus.Approved)]));

        Assert.Equal(RefundStatus.Approved, approved.Status);
        Assert.Equal([TrustedClient.Id], approved.Approvals.Select(a => a.By));
        Assert.Equal(ErrorCode.MakerCheckerViolation, code);
    }

    [Fact]
    public async Task An_approval_that_leaves_the_refund_awaiting_more_is_told_to_subscribers_as_an_approval()
    {
        var refund = await RefundOfAsync(15_000m);
        var heard = new TaskCompletionSource<RefundStatusChanged>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = Engine.Get<RefundStatusNotifier>().SubscribeToLocalCommits(change =>
        {
            heard.TrySetResult(change);
            return Task.CompletedTask;
        });

        await ApproveAsync(Checker, refund, "First look");

        var change = await heard.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(change.IsStatusChange);
        Assert.Equal((RefundStatus.Created, RefundStatus.Created), (change.Status, change.PreviousStatus));
        Assert.Equal((Checker.Id, "First look"), (change.Approval?.By, change.Approval?.Note));
    }

    public sealed class OnSqlite : ApprovalTierTests;

    public sealed class OnPostgreSql : ApprovalTierTests
    {
        protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
    }
}
