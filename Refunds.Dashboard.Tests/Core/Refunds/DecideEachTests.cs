using Refunds.Core;
using Refunds.Core.Access;
using Refunds.Core.Persistence;
using Refunds.Core.Refunds;
using Refunds.Dashboard.Tests.Support;
using static Refunds.Dashboard.Tests.Support.EngineHarness;

namespace Refunds.Dashboard.Tests.Core.Refunds;

public abstract class DecideEachTests : EngineTest
{
    private static readonly Actor CheckerWhoMakes = Checker with { Permissions = Checker.Permissions | Permission.WriteRefunds };

    [Fact]
    public async Task Each_decision_is_taken_on_its_own_so_one_refused_leaves_the_others_decided()
    {
        var payment = await Engine.PaymentAsync(100m);
        var first = await Engine.RefundAsync(payment, 10m);
        var decidedMeanwhile = await Engine.RefundAsync(payment, 20m);
        var last = await Engine.RefundAsync(payment, 30m);
        await Engine.Refunds.DecideAsync(SecondChecker, [new RefundDecision(decidedMeanwhile.Id, RefundStatus.Rejected, "Duplicate")]);

        var outcomes = await Engine.Refunds.DecideEachAsync(Checker,
            [.. new[] { first, decidedMeanwhile, last }.Select(r => new RefundDecision(r.Id, RefundStatus.Approved, "Checked"))]);

        Assert.Equal([true, false, true], outcomes.Select(o => o.Succeeded));
        Assert.Equal(new ItemViolation(1, ErrorCode.InvalidStatusTransition, $"Refund {decidedMeanwhile.Id} is REJECTED; it cannot become APPROVED."),
            outcomes[1].Refused);
        Assert.Equal(RefundStatus.Approved, outcomes[0].Decided?.Status);
        Assert.Equal(RefundStatus.Approved, (await Engine.RefundByIdAsync(first.Id)).Status);
        Assert.Equal(RefundStatus.Approved, (await Engine.RefundByIdAsync(last.Id)).Status);
        Assert.Equal(RefundStatus.Rejected, (await Engine.RefundByIdAsync(decidedMeanwhile.Id)).Status);
    }

    [Fact]
    public async Task A_refund_the_checker_made_is_refused_with_MAKER_CHECKER_VIOLATION_and_the_others_are_rejected()
    {
        var payment = await Engine.PaymentAsync(100m);
        var own = await Engine.RefundAsync(payment, 10m, maker: CheckerWhoMakes);
        var others = await Engine.RefundAsync(payment, 20m);

        var outcomes = await Engine.Refunds.DecideEachAsync(CheckerWhoMakes,
            [new RefundDecision(own.Id, RefundStatus.Rejected, "No"), new RefundDecision(others.Id, RefundStatus.Rejected, "No")]);

        Assert.Equal(ErrorCode.MakerCheckerViolation, outcomes[0].Refused?.Code);
        Assert.Equal("You initiated this refund, so another reviewer must approve or reject it.", outcomes[0].Refused?.Message);
        Assert.Equal(RefundStatus.Rejected, outcomes[1].Decided?.Status);
        Assert.Equal(RefundStatus.Created, (await Engine.RefundByIdAsync(own.Id)).Status);
        // The rejected refund's amount went back to the payment; the refused one still holds its own.
        Assert.Equal(9000, (await Engine.PaymentByIdAsync(payment.Id)).Refundable.MinorUnits);
    }

    [Fact]
    public async Task An_unknown_refund_and_a_repeated_one_are_refused_each_with_its_own_reason()
    {
        var refund = await Engine.RefundAsync(await Engine.PaymentAsync());
        var unknown = Guid.NewGuid();

        var outcomes = await Engine.Refunds.DecideEachAsync(Checker,
        [
            new RefundDecision(unknown, RefundStatus.Approved),
            new RefundDecision(refund.Id, RefundStatus.Approved),
            new RefundDecision(refund.Id, RefundStatus.Approved),
        ]);

        Assert.Equal([ErrorCode.RefundNotFound, null, ErrorCode.InvalidRequest], outcomes.Select(o => o.Refused?.Code));
        Assert.Equal([0, 2], outcomes.Where(o => !o.Succeeded).Select(o => o.Refused!.Index));
        Assert.Equal([unknown, refund.Id, refund.Id], outcomes.Select(o => o.Decision.RefundId));
        Assert.Equal(RefundStatus.Approved, (await Engine.RefundByIdAsync(refund.Id)).Status);
    }

    [Fact]
    public async Task A_checker_without_the_approver_permission_is_refused_before_anything_is_decided()
    {
        var refund = await Engine.RefundAsync(await Engine.PaymentAsync());

        var code = await Refused.CodeOf(() => Engine.Refunds.DecideEachAsync(Viewer, [new RefundDecision(refund.Id, RefundStatus.Approved)]));

        Assert.Equal(ErrorCode.OperationNotAllowed, code);
        Assert.Equal(RefundStatus.Created, (await Engine.RefundByIdAsync(refund.Id)).Status);
    }

    [Fact]
    public async Task An_empty_request_is_refused_with_INVALID_REQUEST()
    {
        var code = await Refused.CodeOf(() => Engine.Refunds.DecideEachAsync(Checker, []));

        Assert.Equal(ErrorCode.InvalidRequest, code);
    }

    public sealed class OnSqlite : DecideEachTests;

    public sealed class OnPostgreSql : DecideEachTests
    {
        protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
    }
}
