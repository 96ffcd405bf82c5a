using Refunds.Core.Persistence;
using Refunds.Core;
using Refunds.Core.Refunds;
using Refunds.Dashboard.Tests.Support;
using static Refunds.Dashboard.Tests.Support.EngineHarness;

namespace Refunds.Dashboard.Tests.Core.Refunds;

/// <summary>A maker who says "full" or "partial" gets an amount that fits it, or a named refusal.</summary>
public abstract class RefundKindTests : EngineTest
{
    private Task<IReadOnlyList<Refund>> Create(Guid paymentId, decimal? amount, RefundKind kind) =>
        Engine.Refunds.CreateAsync(Maker, [new RefundRequest(paymentId, amount, null, "CUSTOMER_REQUEST", Kind: kind)]);

    [Fact]
    public async Task A_full_refund_without_an_amount_takes_everything_still_refundable_and_keeps_its_kind()
    {
        var payment = await Engine.PaymentAsync(100m);
        await Engine.RefundAsync(payment, 30m);

        var refund = (await Create(payment.Id, null, RefundKind.Full))[0];

        var stored = await Engine.RefundByIdAsync(refund.Id);
        Assert.Equal((7000L, RefundKind.Full), (stored.AmountMinor, stored.Kind));
    }

    [Fact]
    public async Task A_full_refund_for_less_than_the_remaining_amount_fails_with_INVALID_AMOUNT()
    {
        var payment = await Engine.PaymentAsync(100m);

        Assert.Equal(ErrorCode.InvalidAmount, await Refused.CodeOf(() => Create(payment.Id, 99m, RefundKind.Full)));
    }

    [Fact]
    public async Task A_full_refund_for_more_than_the_remaining_amount_fails_with_AMOUNT_EXCEEDS_REFUNDABLE()
    {
        var payment = await Engine.PaymentAsync(100m);

        Assert.Equal(ErrorCode.AmountExceedsRefundable, await Refused.CodeOf(() => Create(payment.Id, 100.01m, RefundKind.Full)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("100")]
    public async Task A_partial_refund_without_an_amount_or_for_everything_fails_with_INVALID_AMOUNT(string? amount)
    {
        var payment = await Engine.PaymentAsync(100m);

        var code = await Refused.CodeOf(() => Create(payment.Id, amount is null ? null : decimal.Parse(amount), RefundKind.Partial));

        Assert.Equal(ErrorCode.InvalidAmount, code);
        Assert.Equal(0, await Engine.RefundCountAsync());
    }

    [Fact]
    public async Task A_partial_refund_for_less_than_the_remaining_amount_is_created()
    {
        var payment = await Engine.PaymentAsync(100m);

        var refund = (await Create(payment.Id, 99.99m, RefundKind.Partial))[0];

        Assert.Equal(RefundKind.Partial, (await Engine.RefundByIdAsync(refund.Id)).Kind);
    }

    public sealed class OnSqlite : RefundKindTests;

    public sealed class OnPostgreSql : RefundKindTests
    {
        protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
    }
}
