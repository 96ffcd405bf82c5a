using Refunds.Core.Persistence;
using Refunds.Core;
using Refunds.Core.Refunds;
using Refunds.Dashboard.Tests.Support;
using static Refunds.Dashboard.Tests.Support.EngineHarness;

namespace Refunds.Dashboard.Tests.Core.Refunds;

public abstract class CancelRefundTests : EngineTest
{
    [Fact]
    public async Task The_maker_cancels_a_refund_awaiting_decision_and_its_amount_is_released()
    {
        var payment = await Engine.PaymentAsync(100m);
        var refund = await Engine.RefundAsync(payment, 40m);

        var cancelled = await Engine.Refunds.CancelAsync(Maker, refund.Id, "Raised twice");

        Assert.Equal(RefundStatus.Cancelled, cancelled.Status);
        Assert.Equal((Maker.Id, "Raised twice"), (cancelled.ActionedBy, cancelled.DecisionNote));
        Assert.Equal(10000, (await Engine.PaymentByIdAsync(payment.Id)).Refundable.MinorUnits);
    }

    [Fact]
    public async Task Someone_other_than_the_maker_cannot_cancel()
    {
        var refund = await Engine.RefundAsync(await Engine.PaymentAsync());

        var code = await Refused.CodeOf(() => Engine.Refunds.CancelAsync(Maker with { Id = "maker-2" }, refund.Id, null));

        Assert.Equal(ErrorCode.OperationNotAllowed, code);
    }

    [Fact]
    public async Task A_decided_refund_cannot_be_cancelled()
    {
        var refund = await Engine.RefundAsync(await Engine.PaymentAsync());
        await Engine.Refunds.DecideAsync(Checker, [new RefundDecision(refund.Id, RefundStatus.Approved)]);

        var code = await Refused.CodeOf(() => Engine.Refunds.CancelAsync(Maker, refund.Id, null));

        Assert.Equal(ErrorCode.InvalidStatusTransition, code);
        Assert.Equal(RefundStatus.Approved, (await Engine.RefundByIdAsync(refund.Id)).Status);
    }

    [Fact]
    public async Task Cancelling_an_unknown_refund_fails_with_REFUND_NOT_FOUND()
    {
        Assert.Equal(ErrorCode.RefundNotFound, await Refused.CodeOf(() => Engine.Refunds.CancelAsync(Maker, Guid.NewGuid(), null)));
    }

    public sealed class OnSqlite : CancelRefundTests;

    public sealed class OnPostgreSql : CancelRefundTests
    {
        protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
    }
}
