using Refunds.Core.Persistence;
using Refunds.Core;
using Refunds.Core.Refunds;
using Refunds.Dashboard.Tests.Support;
using static Refunds.Dashboard.Tests.Support.EngineHarness;

namespace Refunds.Dashboard.Tests.Core.Refunds;

public abstract class IdempotencyTests : EngineTest
{
    [Fact]
    public async Task Replaying_a_key_with_the_same_request_returns_the_original_refund_and_writes_nothing()
    {
        var payment = await Engine.PaymentAsync(100m);
        var request = new RefundRequest(payment.Id, 10m, "AED", "CUSTOMER_REQUEST", "Late delivery", IdempotencyKey: "key-1");
        var original = (await Engine.Refunds.CreateAsync(Maker, [request]))[0];

        var replay = (await Engine.Refunds.CreateAsync(Maker, [request with { Amount = 10.00m, Currency = "aed" }]))[0];

        Assert.Equal(original.Id, replay.Id);
        Assert.Equal(1, await Engine.RefundCountAsync());
        Assert.Equal(9000, (await Engine.PaymentByIdAsync(payment.Id)).Refundable.MinorUnits);
    }

    [Fact]
    public async Task Reusing_a_key_for_a_different_request_fails_with_IDEMPOTENCY_KEY_REUSED()
    {
        var payment = await Engine.PaymentAsync(100m);
        var request = new RefundRequest(payment.Id, 10m, "AED", "CUSTOMER_REQUEST", IdempotencyKey: "key-1");
        await Engine.Refunds.CreateAsync(Maker, [request]);

        var code = await Refused.CodeOf(() => Engine.Refunds.CreateAsync(Maker, [request with { Amount = 11m }]));

        Assert.Equal(ErrorCode.IdempotencyKeyReused, code);
        Assert.Equal(1, await Engine.RefundCountAsync());
    }

    [Fact]
    public async Task Keys_belong_to_their_maker_so_two_clients_may_use_the_same_key()
    {
        var payment = await Engine.PaymentAsync(100m);
        var otherMaker = Maker with { Id = "maker-2" };
        var request = new RefundRequest(payment.Id, 10m, "AED", "CUSTOMER_REQUEST", IdempotencyKey: "key-1");

        var mine = (await Engine.Refunds.CreateAsync(Maker, [request]))[0];
        var theirs = (await Engine.Refunds.CreateAsync(otherMaker, [request]))[0];

        Assert.NotEqual(mine.Id, theirs.Id);
    }

    [Fact]
    public async Task Concurrent_requests_with_one_key_create_one_refund()
    {
        var payment = await Engine.PaymentAsync(100m);
        var request = new RefundRequest(payment.Id, 10m, "AED", "CUSTOMER_REQUEST", IdempotencyKey: "key-race");

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => Engine.Refunds.CreateAsync(Maker, [request]))));

        Assert.Single(results.Select(r => r[0].Id).Distinct());
        Assert.Equal(1, await Engine.RefundCountAsync());
    }

    public sealed class OnSqlite : IdempotencyTests;

    public sealed class OnPostgreSql : IdempotencyTests
    {
        protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
    }
}
