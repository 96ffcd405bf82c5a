using Refunds.Core.Persistence;
using Refunds.Core;
using Refunds.Core.Access;
using Refunds.Core.Payments;
using Refunds.Core.Refunds;
using Refunds.Dashboard.Tests.Support;
using static Refunds.Dashboard.Tests.Support.EngineHarness;

namespace Refunds.Dashboard.Tests.Core.Refunds;

public abstract class RefundQueriesTests : EngineTest
{
    private RefundQueries Queries => Engine.Get<RefundQueries>();

    [Fact]
    public async Task Awaiting_decision_counts_created_refunds_made_by_someone_else()
    {
        var payment = await Engine.PaymentAsync(100m);
        await Engine.RefundAsync(payment, 10m);
        await Engine.RefundAsync(payment, 10m);
        var decided = await Engine.RefundAsync(payment, 10m);
        await Engine.Refunds.DecideAsync(SecondChecker, [new RefundDecision(decided.Id, RefundStatus.Approved)]);
        // A reviewer who also initiates may not decide their own refund, so it is not waiting for them.
        var makerAndChecker = Checker with { Permissions = Checker.Permissions | Permission.WriteRefunds };
        await Engine.RefundAsync(payment, 10m, maker: makerAndChecker);

        Assert.Equal(2, await Queries.CountAwaitingDecisionByAsync(makerAndChecker));
    }

    [Fact]
    public async Task Awaiting_decision_is_zero_for_someone_who_may_not_decide()
    {
        await Engine.RefundAsync(await Engine.PaymentAsync());

        Assert.Equal(0, await Queries.CountAwaitingDecisionByAsync(Viewer));
    }

    [Fact]
    public async Task Oldest_first_lists_refunds_in_creation_order()
    {
        var payment = await Engine.PaymentAsync(100m);
        var first = await Engine.RefundAsync(payment, 10m);
        Engine.Clock.Advance(TimeSpan.FromMinutes(5));
        var second = await Engine.RefundAsync(payment, 10m);

        var page = await Queries.ListAsync(Viewer, new RefundFilter(), ListOrder.OldestFirst);

        Assert.Equal([first.Id, second.Id], page.Items.Select(r => r.Id));
    }

    [Fact]
    public async Task List_narrowed_to_a_customer_holds_only_refunds_of_that_customers_payments()
    {
        var mine = await Engine.PaymentAsync(100m);
        var otherId = Guid.NewGuid();
        await Engine.Payments.IngestAsync(Feed, [NewPayment(otherId) with { CustomerId = "CUST-2" }]);
        var other = await Engine.Payments.ReconcileAsync(Feed, otherId, "STMT-OTHER");
        var refund = await Engine.RefundAsync(mine, 10m);
        await Engine.RefundAsync(other, 10m);

        var page = await Engine.Get<RefundQueries>().ListAsync(Viewer, new RefundFilter(CustomerId: "CUST-1"));

        Assert.Equal([refund.Id], page.Items.Select(r => r.Id));
    }

    public sealed class OnSqlite : RefundQueriesTests;

    public sealed class OnPostgreSql : RefundQueriesTests
    {
        protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
    }
}
