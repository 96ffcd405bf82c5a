using Refunds.Core.Payments;
using Refunds.Core.Refunds;
using Refunds.Dashboard.Tests.Support;
using static Refunds.Dashboard.Tests.Support.EngineHarness;

namespace Refunds.Dashboard.Tests.Core.Refunds;

public class RefundQueriesTests : EngineTest
{
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
}
