using Refunds.Core.Persistence;
using Refunds.Core;
using Refunds.Core.Payments;
using Refunds.Dashboard.Tests.Support;
using static Refunds.Dashboard.Tests.Support.EngineHarness;

namespace Refunds.Dashboard.Tests.Core.Payments;

public abstract class PaymentQueriesTests : EngineTest
{
    [Fact]
    public async Task Oldest_first_and_newest_first_list_payments_in_opposite_orders()
    {
        var older = await Engine.PaymentAsync();
        Engine.Clock.Advance(TimeSpan.FromMinutes(5));
        var newer = await Engine.PaymentAsync();
        var queries = Engine.Get<PaymentQueries>();

        var oldestFirst = await queries.ListAsync(Viewer, new PaymentFilter(), ListOrder.OldestFirst);
        var newestFirst = await queries.ListAsync(Viewer, new PaymentFilter(), ListOrder.NewestFirst);

        Assert.Equal([older.Id, newer.Id], oldestFirst.Items.Select(p => p.Id));
        Assert.Equal([newer.Id, older.Id], newestFirst.Items.Select(p => p.Id));
    }

    public sealed class OnSqlite : PaymentQueriesTests;

    public sealed class OnPostgreSql : PaymentQueriesTests
    {
        protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
    }
}
