using Refunds.Core;
using Refunds.Core.Access;
using Refunds.Core.Approvals;
using Refunds.Core.Persistence;
using Refunds.Core.Refunds;
using Refunds.Dashboard.Tests.Support;
using static Refunds.Dashboard.Tests.Support.EngineHarness;

namespace Refunds.Dashboard.Tests.Core.Approvals;

public abstract class PossibleActionsTests : EngineTest
{
    private static readonly Actor MakerWhoCanApprove = new("maker", "Mona Maker", ActorKind.Person,
        Permission.ReadRefunds | Permission.WriteRefunds | Permission.ApproveRefunds);

    private MakerCheckerPolicy Policy => Engine.Get<MakerCheckerPolicy>();

    [Fact]
    public async Task A_checker_may_approve_and_reject_a_refund_someone_else_made_but_not_cancel_it()
    {
        var refund = await Engine.RefundAsync(await Engine.PaymentAsync());

        var actions = Policy.ActionsOn(Checker, refund);

        Assert.Equal(new PossibleAction(true, null), actions.Approve);
        Assert.Equal(new PossibleAction(true, null), actions.Reject);
        Assert.False(actions.Cancel.Offered);
        Assert.Equal("Operation Not Allowed, Chris Checker may not cancel refunds.", actions.Cancel.WhyNot?.Message);
    }

    [Fact]
    public async Task A_maker_who_reviews_is_offered_approve_and_reject_on_their_own_refund_but_may_not_take_them_and_is_told_why()
    {
        var refund = await Engine.RefundAsync(await Engine.PaymentAsync(), maker: MakerWhoCanApprove);

        var actions = Policy.ActionsOn(MakerWhoCanApprove, refund);

        foreach (var decision in new[] { actions.Approve, actions.Reject })
        {
            Assert.True(decision.Offered);
            Assert.False(decision.Allowed);
            Assert.Equal(ErrorCode.MakerCheckerViolation, decision.WhyNot?.Code);
            Assert.Equal("You initiated this refund, so another reviewer must approve or reject it.", decision.WhyNot?.Message);
        }
        Assert.Equal(new PossibleAction(true, null), actions.Cancel);
    }

    [Fact]
    public async Task A_viewer_is_offered_nothing_and_may_do_nothing()
    {
        var refund = await Engine.RefundAsync(await Engine.PaymentAsync());

        var actions = Policy.ActionsOn(Viewer, refund);

        Assert.All(new[] { actions.Approve, actions.Reject, actions.Cancel }, action =>
        {
            Assert.False(action.Offered);
            Assert.Equal(ErrorCode.OperationNotAllowed, action.WhyNot?.Code);
        });
        Assert.Equal("Operation Not Allowed, Vic Viewer may not approve or reject refunds.", actions.Approve.WhyNot?.Message);
    }

    [Fact]
    public async Task The_initiator_may_cancel_their_own_CREATED_refund_and_is_offered_no_decision()
    {
        var refund = await Engine.RefundAsync(await Engine.PaymentAsync());

        var actions = Policy.ActionsOn(Maker, refund);

        Assert.Equal(new PossibleAction(true, null), actions.Cancel);
        Assert.False(actions.Approve.Offered);
        Assert.False(actions.Reject.Offered);
    }

    [Fact]
    public async Task Another_initiator_is_offered_cancel_but_may_not_cancel_and_is_told_only_the_initiator_can()
    {
        var refund = await Engine.RefundAsync(await Engine.PaymentAsync());

        var cancel = Policy.ActionsOn(Maker with { Id = "maker-2" }, refund).Cancel;

        Assert.True(cancel.Offered);
        Assert.Equal("Operation Not Allowed, only the initiator of a refund can cancel it.", cancel.WhyNot?.Message);
    }

    [Fact]
    public async Task A_decided_refund_offers_neither_a_decision_nor_cancel_and_says_it_cannot_move()
    {
        var refund = await Engine.RefundAsync(await Engine.PaymentAsync());
        var approved = (await Engine.Refunds.DecideAsync(Checker, [new RefundDecision(refund.Id, RefundStatus.Approved)]))[0];

        var reviewer = Policy.ActionsOn(SecondChecker, approved);
        var maker = Policy.ActionsOn(Maker, approved);

        Assert.False(reviewer.Approve.Offered);
        Assert.Equal(ErrorCode.InvalidStatusTransition, reviewer.Reject.WhyNot?.Code);
        Assert.Equal($"Refund {refund.Id} is APPROVED; it cannot become REJECTED.", reviewer.Reject.WhyNot?.Message);
        Assert.False(maker.Cancel.Offered);
        Assert.Equal(ErrorCode.InvalidStatusTransition, maker.Cancel.WhyNot?.Code);
    }

    [Fact]
    public async Task A_list_row_gets_the_same_answer_as_its_refund()
    {
        var refund = await Engine.RefundAsync(await Engine.PaymentAsync(), maker: MakerWhoCanApprove);
        var row = Assert.Single((await Engine.Get<RefundQueries>().ListRowsAsync(Checker, new RefundFilter(), ListOrder.NewestFirst)).Items);

        foreach (var actor in new[] { Checker, MakerWhoCanApprove, Viewer, Maker })
            Assert.Equal(Describe(Policy.ActionsOn(actor, refund)), Describe(Policy.ActionsOn(actor, row)));
    }

    [Fact]
    public async Task The_engine_refuses_a_decision_with_the_reason_the_query_gives()
    {
        var refund = await Engine.RefundAsync(await Engine.PaymentAsync(), maker: MakerWhoCanApprove);
        var whyNot = Policy.ActionsOn(MakerWhoCanApprove, refund).Approve.WhyNot;

        var refused = await Refused.By(() => Engine.Refunds.DecideAsync(MakerWhoCanApprove, [new RefundDecision(refund.Id, RefundStatus.Approved)]));

        var item = Assert.Single(Assert.IsType<BatchViolation>(refused).Items);
        Assert.Equal((whyNot?.Code, whyNot?.Message), (item.Code, item.Message));
    }

    private static string Describe(PossibleActions actions) =>
        string.Join(" | ", new[] { actions.Approve, actions.Reject, actions.Cancel }.Select(a => $"{a.Offered} {a.WhyNot?.Code} {a.WhyNot?.Message}"));

    public sealed class OnSqlite : PossibleActionsTests;

    public sealed class OnPostgreSql : PossibleActionsTests
    {
        protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
    }
}
