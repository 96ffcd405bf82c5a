using Refunds.Core.Persistence;
using Refunds.Core;
using Refunds.Core.Access;
using Refunds.Core.Refunds;
using Refunds.Dashboard.Tests.Support;
using static Refunds.Dashboard.Tests.Support.EngineHarness;

namespace Refunds.Dashboard.Tests.Core.Approvals;

public abstract class MakerCheckerTests : EngineTest
{
    private static readonly Actor Integration = new("integration-maker", "Integration maker", ActorKind.Integration,
        Permission.WriteRefunds | Permission.ApproveRefunds | Permission.ReadRefunds);

    private static readonly Actor MakerWhoCanApprove = new("maker", "Mona Maker", ActorKind.Person,
        Permission.WriteRefunds | Permission.ApproveRefunds);

    protected override void Configure(RefundsOptions options) => options.SelfApprovalClients = ["trusted-client"];

    [Fact]
    public async Task A_checker_approves_a_refund_made_by_someone_else()
    {
        var refund = await Engine.RefundAsync(await Engine.PaymentAsync());

        var approved = (await Engine.Refunds.DecideAsync(Checker, [new RefundDecision(refund.Id, RefundStatus.Approved, "Looks right")]))[0];

        Assert.Equal(RefundStatus.Approved, approved.Status);
        Assert.Equal(Checker.Id, approved.ActionedBy);
        Assert.Equal(Engine.Clock.GetUtcNow(), approved.ActionedAt);
        Assert.Equal("Looks right", approved.DecisionNote);
        Assert.NotNull(approved.RefundIntentId);
    }

    [Fact]
    public async Task Approve_fails_with_MAKER_CHECKER_VIOLATION_when_the_checker_is_the_maker()
    {
        var refund = await Engine.RefundAsync(await Engine.PaymentAsync(), maker: MakerWhoCanApprove);

        var code = await Refused.CodeOf(() => Engine.Refunds.DecideAsync(MakerWhoCanApprove, [new RefundDecision(refund.Id, RefundStatus.Approved)]));

        Assert.Equal(ErrorCode.MakerCheckerViolation, code);
        Assert.Equal(RefundStatus.Created, (await Engine.RefundByIdAsync(refund.Id)).Status);
    }

    [Fact]
    public async Task Reject_fails_with_MAKER_CHECKER_VIOLATION_when_the_checker_is_the_maker()
    {
        var refund = await Engine.RefundAsync(await Engine.PaymentAsync(), maker: MakerWhoCanApprove);

        var code = await Refused.CodeOf(() => Engine.Refunds.DecideAsync(MakerWhoCanApprove, [new RefundDecision(refund.Id, RefundStatus.Rejected)]));

        Assert.Equal(ErrorCode.MakerCheckerViolation, code);
    }

    [Fact]
    public async Task Deciding_needs_the_approver_permission()
    {
        var refund = await Engine.RefundAsync(await Engine.PaymentAsync());

        var code = await Refused.CodeOf(() => Engine.Refunds.DecideAsync(Viewer, [new RefundDecision(refund.Id, RefundStatus.Approved)]));

        Assert.Equal(ErrorCode.OperationNotAllowed, code);
    }

    [Fact]
    public async Task A_second_decision_fails_with_INVALID_STATUS_TRANSITION()
    {
        var refund = await Engine.RefundAsync(await Engine.PaymentAsync());
        await Engine.Refunds.DecideAsync(Checker, [new RefundDecision(refund.Id, RefundStatus.Approved)]);

        var code = await Refused.CodeOf(() => Engine.Refunds.DecideAsync(SecondChecker, [new RefundDecision(refund.Id, RefundStatus.Rejected)]));

        Assert.Equal(ErrorCode.InvalidStatusTransition, code);
        Assert.Equal(RefundStatus.Approved, (await Engine.RefundByIdAsync(refund.Id)).Status);
    }

    [Theory]
    [InlineData(RefundStatus.Created)]
    [InlineData(RefundStatus.Cancelled)]
    [InlineData(RefundStatus.PendingWithBank)]
    public async Task A_decision_is_approve_or_reject_and_nothing_else(RefundStatus status)
    {
        var refund = await Engine.RefundAsync(await Engine.PaymentAsync());

        var code = await Refused.CodeOf(() => Engine.Refunds.DecideAsync(Checker, [new RefundDecision(refund.Id, status)]));

        Assert.Equal(ErrorCode.InvalidStatus, code);
    }

    [Fact]
    public async Task Deciding_an_unknown_refund_fails_with_REFUND_NOT_FOUND()
    {
        var code = await Refused.CodeOf(() => Engine.Refunds.DecideAsync(Checker, [new RefundDecision(Guid.NewGuid(), RefundStatus.Approved)]));

        Assert.Equal(ErrorCode.RefundNotFound, code);
    }

    [Fact]
    public async Task Creating_an_approved_refund_is_self_approval_and_is_refused()
    {
        var payment = await Engine.PaymentAsync();

        var code = await Refused.CodeOf(() => Engine.Refunds.CreateAsync(Integration,
            [new RefundRequest(payment.Id, 10m, "AED", "CUSTOMER_REQUEST", InitialStatus: RefundStatus.Approved)]));

        Assert.Equal(ErrorCode.MakerCheckerViolation, code);
        Assert.Equal(0, await Engine.RefundCountAsync());
    }

    [Fact]
    public async Task A_client_allowed_to_self_approve_may_create_approved_refunds_and_approve_its_own()
    {
        var trusted = Integration with { Id = "trusted-client" };
        var payment = await Engine.PaymentAsync();

        var createdApproved = (await Engine.Refunds.CreateAsync(trusted,
            [new RefundRequest(payment.Id, 10m, "AED", "CUSTOMER_REQUEST", InitialStatus: RefundStatus.Approved)]))[0];
        var own = await Engine.RefundAsync(payment, 5m, maker: trusted);
        var approvedOwn = (await Engine.Refunds.DecideAsync(trusted, [new RefundDecision(own.Id, RefundStatus.Approved)]))[0];

        Assert.Equal(RefundStatus.Approved, createdApproved.Status);
        Assert.Equal(RefundStatus.Approved, approvedOwn.Status);
    }

    [Fact]
    public async Task A_person_can_never_self_approve_even_with_the_same_id_as_a_trusted_client()
    {
        var person = MakerWhoCanApprove with { Id = "trusted-client" };
        var refund = await Engine.RefundAsync(await Engine.PaymentAsync(), maker: person);

        var code = await Refused.CodeOf(() => Engine.Refunds.DecideAsync(person, [new RefundDecision(refund.Id, RefundStatus.Approved)]));

        Assert.Equal(ErrorCode.MakerCheckerViolation, code);
    }

    [Fact]
    public async Task The_policy_tells_a_page_why_a_checker_may_not_decide()
    {
        var refund = await Engine.RefundAsync(await Engine.PaymentAsync(), maker: MakerWhoCanApprove);
        var policy = Engine.Get<global::Refunds.Core.Approvals.MakerCheckerPolicy>();

        Assert.Null(policy.ActionsOn(Checker, refund).Approve.WhyNot);
        Assert.Equal(ErrorCode.MakerCheckerViolation, policy.ActionsOn(MakerWhoCanApprove, refund).Approve.WhyNot?.Code);
        Assert.Equal(ErrorCode.OperationNotAllowed, policy.ActionsOn(Viewer, refund).Approve.WhyNot?.Code);
    }

    public sealed class OnSqlite : MakerCheckerTests;

    public sealed class OnPostgreSql : MakerCheckerTests
    {
        protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
    }
}
