using Refunds.Core.Persistence;
using Refunds.Core;
using Refunds.Core.Refunds;
using Refunds.Dashboard.Tests.Support;
using static Refunds.Dashboard.Tests.Support.EngineHarness;

namespace Refunds.Dashboard.Tests.Core.Refunds;

public abstract class BatchTests : EngineTest
{
    [Fact]
    public async Task A_batch_creates_every_refund_in_request_order()
    {
        var first = await Engine.PaymentAsync(100m);
        var second = await Engine.PaymentAsync(50m);

        var refunds = await Engine.Refunds.CreateAsync(Maker,
        [
            new RefundRequest(first.Id, 10m, "AED", "CUSTOMER_REQUEST"),
            new RefundRequest(second.Id, 20m, "AED", "ORDER_CANCELLED"),
            new RefundRequest(first.Id, 30m, "AED", "DUPLICATED_PAYMENT"),
        ]);

        Assert.Equal([first.Id, second.Id, first.Id], refunds.Select(r => r.PaymentId));
        Assert.Equal(6000, (await Engine.PaymentByIdAsync(first.Id)).Refundable.MinorUnits);
    }

    [Fact]
    public async Task One_bad_item_fails_the_whole_batch_and_lists_every_failing_item()
    {
        var payment = await Engine.PaymentAsync(100m);

        var violation = Assert.IsType<BatchViolation>(await Refused.By(() => Engine.Refunds.CreateAsync(Maker,
        [
            new RefundRequest(payment.Id, 10m, "AED", "CUSTOMER_REQUEST"),
            new RefundRequest(payment.Id, 10m, "AED", "NO_SUCH_REASON"),
            new RefundRequest(Guid.NewGuid(), 10m, "AED", "CUSTOMER_REQUEST"),
            new RefundRequest(payment.Id, 10m, "AED", "CUSTOMER_REQUEST"),
        ])));

        Assert.Equal([(1, ErrorCode.InvalidReasonCode), (2, ErrorCode.PaymentNotFound)], violation.Items.Select(i => (i.Index, i.Code)));
        Assert.Equal(0, await Engine.RefundCountAsync());
        Assert.Equal(10000, (await Engine.PaymentByIdAsync(payment.Id)).Refundable.MinorUnits);
    }

    [Fact]
    public async Task Items_of_one_batch_together_cannot_over_refund_a_payment()
    {
        var payment = await Engine.PaymentAsync(100m);

        var violation = Assert.IsType<BatchViolation>(await Refused.By(() => Engine.Refunds.CreateAsync(Maker,
        [
            new RefundRequest(payment.Id, 60m, "AED", "CUSTOMER_REQUEST"),
            new RefundRequest(payment.Id, 60m, "AED", "CUSTOMER_REQUEST"),
        ])));

        Assert.Equal((1, ErrorCode.AmountExceedsRefundable), (violation.Items.Single().Index, violation.Items.Single().Code));
        Assert.Equal(0, await Engine.RefundCountAsync());
    }

    [Fact]
    public async Task A_decision_batch_with_one_bad_item_decides_nothing()
    {
        var payment = await Engine.PaymentAsync(100m);
        var good = await Engine.RefundAsync(payment, 10m);
        var alreadyDecided = await Engine.RefundAsync(payment, 10m);
        await Engine.Refunds.DecideAsync(Checker, [new RefundDecision(alreadyDecided.Id, RefundStatus.Rejected)]);

        var violation = Assert.IsType<BatchViolation>(await Refused.By(() => Engine.Refunds.DecideAsync(SecondChecker,
        [
            new RefundDecision(good.Id, RefundStatus.Approved),
            new RefundDecision(alreadyDecided.Id, RefundStatus.Approved),
            new RefundDecision(Guid.NewGuid(), RefundStatus.Approved),
        ])));

        Assert.Equal([(1, ErrorCode.InvalidStatusTransition), (2, ErrorCode.RefundNotFound)], violation.Items.Select(i => (i.Index, i.Code)));
        Assert.Equal(RefundStatus.Created, (await Engine.RefundByIdAsync(good.Id)).Status);
    }

    [Fact]
    public async Task The_same_refund_twice_in_one_decision_batch_is_refused()
    {
        var refund = await Engine.RefundAsync(await Engine.PaymentAsync());

        var violation = Assert.IsType<BatchViolation>(await Refused.By(() => Engine.Refunds.DecideAsync(Checker,
            [new RefundDecision(refund.Id, RefundStatus.Approved), new RefundDecision(refund.Id, RefundStatus.Rejected)])));

        Assert.Equal((1, ErrorCode.InvalidRequest), (violation.Items.Single().Index, violation.Items.Single().Code));
    }

    [Fact]
    public async Task Empty_and_oversized_batches_are_refused_with_INVALID_REQUEST()
    {
        await using var engine = await StartEngineAsync(o => o.MaxBatchSize = 2);
        var payment = await engine.PaymentAsync();
        var item = new RefundRequest(payment.Id, 1m, "AED", "CUSTOMER_REQUEST");

        Assert.Equal(ErrorCode.InvalidRequest, await Refused.CodeOf(() => engine.Refunds.CreateAsync(Maker, [])));
        Assert.Equal(ErrorCode.InvalidRequest, await Refused.CodeOf(() => engine.Refunds.CreateAsync(Maker, [item, item, item])));
        Assert.Equal(ErrorCode.InvalidRequest, await Refused.CodeOf(() => engine.Refunds.DecideAsync(Checker, [])));
        Assert.Equal(0, await engine.RefundCountAsync());
    }

    public sealed class OnSqlite : BatchTests;

    public sealed class OnPostgreSql : BatchTests
    {
        protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
    }
}
