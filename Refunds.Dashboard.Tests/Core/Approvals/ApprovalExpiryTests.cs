using Refunds.Core.Access;
using Refunds.Core.Approvals;
using Refunds.Core.Persistence;
using Refunds.Core.Refunds;
using Refunds.Dashboard.Tests.Support;
using static Refunds.Dashboard.Tests.Support.EngineHarness;

namespace Refunds.Dashboard.Tests.Core.Approvals;

/// <summary>Refunds that await approval longer than <c>Approvals:ExpireAfter</c> (7 days by default) are cancelled by the system.</summary>
public abstract class ApprovalExpiryTests : EngineTest
{
    private static readonly TimeSpan ExpireAfter = new ApprovalOptions().ExpireAfter;

    [Fact]
    public async Task A_refund_awaiting_approval_longer_than_allowed_is_cancelled_by_the_system_and_its_amount_released()
    {
        var refund = await Engine.RefundAsync(await Engine.PaymentAsync(100m), 40m);
        Engine.Clock.Advance(ExpireAfter - TimeSpan.FromSeconds(1));
        var tooEarly = await Engine.Get<ApprovalExpiry>().ExpireOverdueAsync();

        Engine.Clock.Advance(TimeSpan.FromSeconds(1));
        var expired = await Engine.Get<ApprovalExpiry>().ExpireOverdueAsync();

        var stored = await Engine.RefundByIdAsync(refund.Id);
        Assert.Equal((0, 1), (tooEarly, expired));
        Assert.Equal(RefundStatus.Cancelled, stored.Status);
        Assert.Equal((Actor.System.Id, "expired awaiting approval"), (stored.History[^1].ActorId, stored.History[^1].Note));
        Assert.Equal(0, stored.Payment.ReservedMinor);
    }

    [Fact]
    public async Task Decided_refunds_are_left_alone_however_old()
    {
        var payment = await Engine.PaymentAsync(100m);
        var approved = await Engine.RefundAsync(payment, 10m);
        var rejected = await Engine.RefundAsync(payment, 10m);
        await Engine.Refunds.DecideAsync(Checker, [new RefundDecision(approved.Id, RefundStatus.Approved), new RefundDecision(rejected.Id, RefundStatus.Rejected)]);
        Engine.Clock.Advance(ExpireAfter * 2);

        Assert.Equal(0, await Engine.Get<ApprovalExpiry>().ExpireOverdueAsync());
        Assert.Equal(RefundStatus.Approved, (await Engine.RefundByIdAsync(approved.Id)).Status);
    }

    [Fact]
    public async Task Several_instances_expiring_at_once_cancel_each_refund_exactly_once()
    {
        var payment = await Engine.PaymentAsync(1_000m);
        var refunds = new List<Refund>();
        for (var i = 0; i < 30; i++) refunds.Add(await Engine.RefundAsync(payment, 10m));
        var instances = new List<EngineHarness> { Engine };
        for (var i = 0; i < 3; i++) instances.Add(await EngineHarness.StartAsync(database: Engine.Database));
        try
        {
            foreach (var instance in instances) instance.Clock.Advance(ExpireAfter + TimeSpan.FromMinutes(1));

            var counts = await Task.WhenAll(instances.Select(instance => Task.Run(() => instance.Get<ApprovalExpiry>().ExpireOverdueAsync())));

            Assert.Equal(30, counts.Sum());
            foreach (var refund in refunds)
                Assert.Single((await Engine.RefundByIdAsync(refund.Id)).History, e => e.To == RefundStatus.Cancelled);
            Assert.Equal(0, (await Engine.PaymentByIdAsync(payment.Id)).ReservedMinor);
        }
        finally
        {
            foreach (var instance in instances.Skip(1)) await instance.DisposeAsync();
        }
    }

    public sealed class OnSqlite : ApprovalExpiryTests;

    public sealed class OnPostgreSql : ApprovalExpiryTests
    {
        protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
    }
}
