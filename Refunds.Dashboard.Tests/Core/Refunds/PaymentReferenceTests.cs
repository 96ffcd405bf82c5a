using Refunds.Core.Persistence;
using Refunds.Core;
using Refunds.Core.Payments;
using Refunds.Core.Refunds;
using Refunds.Dashboard.Tests.Support;
using static Refunds.Dashboard.Tests.Support.EngineHarness;

namespace Refunds.Dashboard.Tests.Core.Refunds;

/// <summary>A refund may name its payment by the merchant's reference (a charge id) instead of the payment id.</summary>
public abstract class PaymentReferenceTests : EngineTest
{
    [Fact]
    public async Task Create_finds_the_payment_by_its_merchant_reference()
    {
        var payment = await Engine.PaymentAsync(100m);

        var refund = (await Engine.Refunds.CreateAsync(Maker,
            [new RefundRequest(Guid.Empty, 10m, null, "CUSTOMER_REQUEST", PaymentReference: payment.MerchantReference)]))[0];

        Assert.Equal(payment.Id, (await Engine.RefundByIdAsync(refund.Id)).PaymentId);
    }

    [Fact]
    public async Task Create_fails_with_PAYMENT_NOT_FOUND_for_an_unknown_merchant_reference()
    {
        await Engine.PaymentAsync(100m);

        var code = await Refused.CodeOf(() => Engine.Refunds.CreateAsync(Maker,
            [new RefundRequest(Guid.Empty, 10m, null, "CUSTOMER_REQUEST", PaymentReference: "ch_unknown")]));

        Assert.Equal(ErrorCode.PaymentNotFound, code);
    }

    [Fact]
    public async Task Create_fails_with_PAYMENT_CONFLICT_when_the_reference_names_more_than_one_payment()
    {
        foreach (var id in new[] { Guid.NewGuid(), Guid.NewGuid() })
        {
            await Engine.Payments.IngestAsync(Feed, [NewPayment(id) with { MerchantReference = "ch_shared" }]);
            await Engine.Payments.ReconcileAsync(Feed, id, $"STMT-{id:N}");
        }

        var code = await Refused.CodeOf(() => Engine.Refunds.CreateAsync(Maker,
            [new RefundRequest(Guid.Empty, 10m, null, "CUSTOMER_REQUEST", PaymentReference: "ch_shared")]));

        Assert.Equal(ErrorCode.PaymentConflict, code);
        Assert.Equal(0, await Engine.RefundCountAsync());
    }

    [Fact]
    public async Task Create_reads_a_minor_unit_amount_in_the_payments_currency()
    {
        var payment = await Engine.PaymentAsync(10m, "KWD");

        var refund = (await Engine.Refunds.CreateAsync(Maker, [new RefundRequest(payment.Id, null, null, "CUSTOMER_REQUEST", AmountMinor: 250)]))[0];

        Assert.Equal(new Money(250, Currency.Of("KWD")), (await Engine.RefundByIdAsync(refund.Id)).Amount);
    }

    [Fact]
    public async Task Create_fails_with_INVALID_REQUEST_when_both_a_major_and_a_minor_amount_are_given()
    {
        var payment = await Engine.PaymentAsync(100m);

        var code = await Refused.CodeOf(() => Engine.Refunds.CreateAsync(Maker, [new RefundRequest(payment.Id, 1m, null, "CUSTOMER_REQUEST", AmountMinor: 100)]));

        Assert.Equal(ErrorCode.InvalidRequest, code);
    }

    public sealed class OnSqlite : PaymentReferenceTests;

    public sealed class OnPostgreSql : PaymentReferenceTests
    {
        protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
    }
}
