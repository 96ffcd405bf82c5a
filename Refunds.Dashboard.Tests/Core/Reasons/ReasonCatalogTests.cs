using Refunds.Core.Persistence;
using Refunds.Core;
using Refunds.Dashboard.Tests.Support;
using static Refunds.Dashboard.Tests.Support.EngineHarness;

namespace Refunds.Dashboard.Tests.Core.Reasons;

public abstract class ReasonCatalogTests : EngineTest
{
    [Fact]
    public async Task The_four_Lean_reason_codes_are_there_from_the_start()
    {
        var reasons = await Engine.Reasons.ListActiveAsync();

        Assert.Equal(
            [("CUSTOMER_REQUEST", "Requested by the client"), ("DUPLICATED_PAYMENT", "Duplicated Payment"),
             ("FRAUDULENT_PAYMENT", "Fraudulent Payment"), ("ORDER_CANCELLED", "Service/Order Cancellation")],
            reasons.Select(r => (r.Code, r.Description)));
    }

    [Fact]
    public async Task An_added_code_can_be_used_for_new_refunds()
    {
        await Engine.Reasons.AddAsync(Admin, "goodwill_gesture", "Goodwill gesture");

        var refund = await Engine.RefundAsync(await Engine.PaymentAsync(), reason: "GOODWILL_GESTURE");

        Assert.Equal("GOODWILL_GESTURE", refund.ReasonCode);
    }

    [Fact]
    public async Task A_deactivated_code_is_refused_for_new_refunds_but_stays_on_old_ones()
    {
        var payment = await Engine.PaymentAsync();
        var old = await Engine.RefundAsync(payment, reason: "FRAUDULENT_PAYMENT");

        await Engine.Reasons.DeactivateAsync(Admin, "FRAUDULENT_PAYMENT");

        Assert.Equal(ErrorCode.InvalidReasonCode, await Refused.CodeOf(() => Engine.RefundAsync(payment, reason: "FRAUDULENT_PAYMENT")));
        Assert.Equal("FRAUDULENT_PAYMENT", (await Engine.RefundByIdAsync(old.Id)).ReasonCode);
        Assert.DoesNotContain(await Engine.Reasons.ListActiveAsync(), r => r.Code == "FRAUDULENT_PAYMENT");
    }

    [Fact]
    public async Task Adding_an_active_code_again_fails_with_REASON_CODE_EXISTS()
    {
        Assert.Equal(ErrorCode.ReasonCodeExists, await Refused.CodeOf(() => Engine.Reasons.AddAsync(Admin, "CUSTOMER_REQUEST", "Again")));
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("")]
    [InlineData("ÄRGER")]
    public async Task Malformed_codes_are_refused(string code)
    {
        Assert.Equal(ErrorCode.InvalidReasonCode, await Refused.CodeOf(() => Engine.Reasons.AddAsync(Admin, code, "Description")));
    }

    [Fact]
    public async Task Managing_codes_needs_its_own_permission()
    {
        Assert.Equal(ErrorCode.OperationNotAllowed, await Refused.CodeOf(() => Engine.Reasons.AddAsync(Checker, "NEW_CODE", "New")));
        Assert.Equal(ErrorCode.OperationNotAllowed, await Refused.CodeOf(() => Engine.Reasons.DeactivateAsync(Maker, "CUSTOMER_REQUEST")));
    }

    public sealed class OnSqlite : ReasonCatalogTests;

    public sealed class OnPostgreSql : ReasonCatalogTests
    {
        protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
    }
}
