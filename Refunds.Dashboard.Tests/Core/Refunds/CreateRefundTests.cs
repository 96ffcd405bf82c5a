using Refunds.Core.Persistence;
using Refunds.Core;
using Refunds.Core.Refunds;
using Refunds.Dashboard.Tests.Support;
using static Refunds.Dashboard.Tests.Support.EngineHarness;

namespace Refunds.Dashboard.Tests.Core.Refunds;

public abstract class CreateRefundTests : EngineTest
{
    [Fact]
    public async Task Create_records_a_CREATED_refund_that_reserves_its_amount_on_the_payment()
    {
        var payment = await Engine.PaymentAsync(100m);

        var refund = await Engine.RefundAsync(payment, 40m);

        var stored = await Engine.RefundByIdAsync(refund.Id);
        Assert.Equal(RefundStatus.Created, stored.Status);
        Assert.Equal(4000, stored.AmountMinor);
        Assert.Equal("AED", stored.CurrencyCode);
        Assert.Equal(Maker.Id, stored.CreatedBy);
        Assert.Equal(6000, stored.Payment.Refundable.MinorUnits);
    }

    [Fact]
    public async Task Create_fails_with_PAYMENT_NOT_FOUND_for_an_unknown_payment()
    {
        var code = await Refused.CodeOf(() => Engine.Refunds.CreateAsync(Maker, [new RefundRequest(Guid.NewGuid(), 10m, "AED", "CUSTOMER_REQUEST")]));

        Assert.Equal(ErrorCode.PaymentNotFound, code);
    }

    [Fact]
    public async Task Create_fails_with_PAYMENT_NOT_RECONCILED_until_the_payment_is_reconciled()
    {
        var payment = await Engine.PaymentAsync(reconciled: false);

        var code = await Refused.CodeOf(() => Engine.RefundAsync(payment));

        Assert.Equal(ErrorCode.PaymentNotReconciled, code);
        await Engine.Payments.ReconcileAsync(Feed, payment.Id, "STMT-1");
        Assert.Equal(RefundStatus.Created, (await Engine.RefundAsync(payment)).Status);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("10.005")]
    public async Task Create_fails_with_INVALID_AMOUNT_for_non_positive_amounts_or_too_many_decimals(string amount)
    {
        var payment = await Engine.PaymentAsync(100m);

        var code = await Refused.CodeOf(() => Engine.RefundAsync(payment, decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal(ErrorCode.InvalidAmount, code);
    }

    [Fact]
    public async Task Create_accepts_three_decimals_for_a_three_decimal_currency()
    {
        var payment = await Engine.PaymentAsync(10m, "KWD");

        var refund = await Engine.RefundAsync(payment, 1.005m);

        Assert.Equal(1005, refund.AmountMinor);
    }

    [Fact]
    public async Task Create_fails_with_AMOUNT_EXCEEDS_REFUNDABLE_above_the_payment_amount()
    {
        var payment = await Engine.PaymentAsync(100m);

        var code = await Refused.CodeOf(() => Engine.RefundAsync(payment, 100.01m));

        Assert.Equal(ErrorCode.AmountExceedsRefundable, code);
    }

    [Fact]
    public async Task A_CREATED_refund_already_holds_its_amount_against_later_refunds()
    {
        var payment = await Engine.PaymentAsync(100m);
        await Engine.RefundAsync(payment, 70m);

        var code = await Refused.CodeOf(() => Engine.RefundAsync(payment, 30.01m));

        Assert.Equal(ErrorCode.AmountExceedsRefundable, code);
        Assert.Equal(3000, (await Engine.RefundAsync(payment, 30m)).AmountMinor);
    }

    [Fact]
    public async Task Create_fails_with_PAYMENT_FULLY_REFUNDED_when_nothing_is_left()
    {
        var payment = await Engine.PaymentAsync(100m);
        await Engine.RefundAsync(payment, 100m);

        var code = await Refused.CodeOf(() => Engine.RefundAsync(payment, 0.01m));

        Assert.Equal(ErrorCode.PaymentFullyRefunded, code);
    }

    [Fact]
    public async Task A_refund_without_an_amount_refunds_everything_still_refundable()
    {
        var payment = await Engine.PaymentAsync(100m);
        await Engine.RefundAsync(payment, 25m);

        var full = await Engine.RefundAsync(payment, amount: null);

        Assert.Equal(7500, full.AmountMinor);
    }

    [Fact]
    public async Task Rejected_and_cancelled_refunds_give_their_amount_back()
    {
        var payment = await Engine.PaymentAsync(100m);
        var rejected = await Engine.RefundAsync(payment, 60m);
        var cancelled = await Engine.RefundAsync(payment, 40m);

        await Engine.Refunds.DecideAsync(Checker, [new RefundDecision(rejected.Id, RefundStatus.Rejected, "Duplicate")]);
        await Engine.Refunds.CancelAsync(Maker, cancelled.Id, "Wrong order");

        Assert.Equal(10000, (await Engine.PaymentByIdAsync(payment.Id)).Refundable.MinorUnits);
        Assert.Equal(10000, (await Engine.RefundAsync(payment, 100m)).AmountMinor);
    }

    [Fact]
    public async Task Create_fails_with_CURRENCY_MISMATCH_when_the_currency_differs_from_the_payment()
    {
        var payment = await Engine.PaymentAsync(100m, "AED");

        var code = await Refused.CodeOf(() => Engine.Refunds.CreateAsync(Maker, [new RefundRequest(payment.Id, 10m, "SAR", "CUSTOMER_REQUEST")]));

        Assert.Equal(ErrorCode.CurrencyMismatch, code);
    }

    [Fact]
    public async Task Create_takes_the_payment_s_currency_when_none_is_given()
    {
        var payment = await Engine.PaymentAsync(100m, "SAR");

        var refund = (await Engine.Refunds.CreateAsync(Maker, [new RefundRequest(payment.Id, 10m, null, "CUSTOMER_REQUEST")]))[0];

        Assert.Equal("SAR", refund.CurrencyCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("NOT_A_REASON")]
    public async Task Create_fails_with_INVALID_REASON_CODE_without_an_active_reason_code(string? reason)
    {
        var payment = await Engine.PaymentAsync();

        var code = await Refused.CodeOf(() => Engine.Refunds.CreateAsync(Maker, [new RefundRequest(payment.Id, 10m, "AED", reason)]));

        Assert.Equal(ErrorCode.InvalidReasonCode, code);
    }

    [Fact]
    public async Task Create_fails_with_INVALID_IBAN_for_a_beneficiary_iban_that_fails_mod_97()
    {
        var payment = await Engine.PaymentAsync();
        var request = new RefundRequest(payment.Id, 10m, "AED", "CUSTOMER_REQUEST", Beneficiary: new BeneficiaryRequest("John Doe", "AE123456789", "Dubai"));

        var code = await Refused.CodeOf(() => Engine.Refunds.CreateAsync(Maker, [request]));

        Assert.Equal(ErrorCode.InvalidIban, code);
    }

    [Fact]
    public async Task The_beneficiary_defaults_to_the_payer_account_with_the_payers_city()
    {
        var payment = await Engine.PaymentAsync();

        var refund = await Engine.RefundAsync(payment);

        Assert.Equal(new Beneficiary("Ahmed Haddad", ValidIban, "Abu Dhabi"), refund.Beneficiary);
    }

    [Fact]
    public async Task A_given_beneficiary_is_kept_with_its_iban_normalized_and_missing_fields_from_the_payer()
    {
        var payment = await Engine.PaymentAsync();
        var request = new RefundRequest(payment.Id, 10m, "AED", "CUSTOMER_REQUEST", Beneficiary: new BeneficiaryRequest("John Doe", "gb82 west 1234 5698 7654 32", null));

        var refund = (await Engine.Refunds.CreateAsync(Maker, [request]))[0];

        Assert.Equal(new Beneficiary("John Doe", "GB82WEST12345698765432", "Abu Dhabi"), refund.Beneficiary);
    }

    [Fact]
    public async Task The_beneficiary_city_is_Dubai_when_neither_request_nor_payer_names_one()
    {
        var id = Guid.NewGuid();
        await Engine.Payments.IngestAsync(Feed, [NewPayment(id) with { Payer = new("Sara Saleh", ValidIban, null, null) }]);
        var payment = await Engine.Payments.ReconcileAsync(Feed, id, "STMT-2");

        var refund = await Engine.RefundAsync(payment);

        Assert.Equal("Dubai", refund.Beneficiary.City);
    }

    [Fact]
    public async Task Create_fails_with_OPERATION_NOT_ALLOWED_when_payouts_are_not_configured()
    {
        await using var engine = await StartEngineAsync(o => o.PayoutsConfigured = false);
        var payment = await engine.PaymentAsync();

        var violation = await Refused.By(() => engine.RefundAsync(payment));

        Assert.Equal(ErrorCode.OperationNotAllowed, violation.Code);
        Assert.Equal("Operation Not Allowed, payouts not configured", violation.Message);
        Assert.Equal(0, await engine.RefundCountAsync());
    }

    [Fact]
    public async Task Create_fails_with_OPERATION_NOT_ALLOWED_for_actors_who_may_not_create_refunds()
    {
        var payment = await Engine.PaymentAsync();

        var code = await Refused.CodeOf(() => Engine.RefundAsync(payment, maker: Checker));

        Assert.Equal(ErrorCode.OperationNotAllowed, code);
    }

    [Fact]
    public async Task Over_long_descriptions_are_refused_with_INVALID_REQUEST()
    {
        var payment = await Engine.PaymentAsync();
        var request = new RefundRequest(payment.Id, 10m, "AED", "CUSTOMER_REQUEST", Description: new string('x', 501));

        var code = await Refused.CodeOf(() => Engine.Refunds.CreateAsync(Maker, [request]));

        Assert.Equal(ErrorCode.InvalidRequest, code);
    }

    public sealed class OnSqlite : CreateRefundTests;

    public sealed class OnPostgreSql : CreateRefundTests
    {
        protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
    }
}
