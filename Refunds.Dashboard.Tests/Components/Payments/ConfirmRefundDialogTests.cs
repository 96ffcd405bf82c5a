using Bunit;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using Refunds.Core.Payments;
using Refunds.Core.Refunds;
using Refunds.Dashboard.Components.Pages.Payments;
using Refunds.Dashboard.Tests.Support;

namespace Refunds.Dashboard.Tests.Components.Payments;

public class ConfirmRefundDialogTests : DashboardTestContext
{
    /// <summary>Opens Confirm Refund from the payment's row, as an initiator does.</summary>
    private async Task<Payment> OpenDialogAsync(decimal amount = 100m, string currency = "AED")
    {
        var payment = await Engine.PaymentAsync(amount, currency);
        SignInAsInitiator();
        RenderProviders();
        var page = Render<PaymentsPage>();
        page.WaitForElement("button.refund-action").Click();
        Dialogs.WaitForAssertion(() => Assert.NotNull(Dialogs.Find("#refund-amount")));
        return payment;
    }

    private void ChooseReason(string code)
    {
        Dialogs.FindComponent<MudSelect<string>>().Find("div.mud-input-control").MouseDown();
        Popovers.WaitForAssertion(() => Assert.NotEmpty(Popovers.FindAll(".mud-popover-provider .mud-list-item")));
        Popovers.FindAll(".mud-popover-provider .mud-list-item").Single(item => item.TextContent.Contains(code)).Click();
    }

    private async Task<List<Refund>> RefundsOfAsync(Payment payment)
    {
        await using var db = await Engine.NewContextAsync();
        return await db.Refunds.AsNoTracking().Where(r => r.PaymentId == payment.Id).ToListAsync();
    }

    [Fact]
    public async Task The_dialog_is_titled_Confirm_Refund_and_the_amount_is_prefilled_with_the_refundable_amount()
    {
        await OpenDialogAsync(1250.5m, "KWD");

        Assert.Equal("Confirm Refund", Dialogs.Find("#confirm-refund-title").TextContent);
        Assert.Equal("1250.500", Dialogs.Find("#refund-amount").GetAttribute("value"));
        Assert.Equal("1,250.500 KWD", Dialogs.Find("[data-testid=refundable]").TextContent);
    }

    [Fact]
    public async Task An_amount_with_more_decimals_than_the_currency_allows_is_refused_as_it_is_typed()
    {
        var payment = await OpenDialogAsync();

        Dialogs.Find("#refund-amount").Input("10.005");

        Dialogs.WaitForAssertion(() => Assert.Contains("AED amounts allow at most 2 decimal places", Dialogs.Markup));
        ChooseReason("CUSTOMER_REQUEST");
        Dialogs.Find("#refund-initiate").Click();
        Assert.Empty(await RefundsOfAsync(payment));
    }

    [Fact]
    public async Task An_amount_above_the_refundable_amount_is_refused_as_it_is_typed()
    {
        var payment = await OpenDialogAsync(100m);

        Dialogs.Find("#refund-amount").Input("100.01");

        Dialogs.WaitForAssertion(() => Assert.Contains("At most 100.00 AED can be refunded.", Dialogs.Markup));
        ChooseReason("CUSTOMER_REQUEST");
        Dialogs.Find("#refund-initiate").Click();
        Assert.Empty(await RefundsOfAsync(payment));
    }

    [Fact]
    public async Task A_reason_is_required()
    {
        var payment = await OpenDialogAsync();

        Dialogs.Find("#refund-initiate").Click();

        Dialogs.WaitForAssertion(() => Assert.Contains("Choose a reason for the refund.", Dialogs.Markup));
        Assert.Empty(await RefundsOfAsync(payment));
    }

    [Fact]
    public async Task Initiate_Refund_creates_a_partial_refund_awaiting_a_reviewer_and_offers_to_open_it()
    {
        var payment = await OpenDialogAsync(100m);

        Dialogs.Find("#refund-amount").Input("40.25");
        ChooseReason("ORDER_CANCELLED");
        Dialogs.Find("#refund-reference").Change("TICKET-77");
        Dialogs.Find("#refund-description").Change("Order 77 cancelled");
        Dialogs.Find("#refund-initiate").Click();

        Dialogs.WaitForElement("[data-testid=refund-created]");
        var refund = Assert.Single(await RefundsOfAsync(payment));
        Assert.Equal((RefundStatus.Created, 4025L, "ORDER_CANCELLED", "TICKET-77", "Order 77 cancelled", EngineHarness.Maker.Id),
            (refund.Status, refund.AmountMinor, refund.ReasonCode, refund.ExternalReference, refund.Description, refund.CreatedBy));
        Assert.NotNull(Dialogs.Find("#refund-open"));
    }

    [Fact]
    public async Task An_engine_refusal_is_shown_as_a_readable_message_and_what_was_typed_is_kept()
    {
        var payment = await OpenDialogAsync(100m);
        Dialogs.Find("#refund-amount").Input("30");
        ChooseReason("CUSTOMER_REQUEST");
        Dialogs.Find("#refund-reference").Change("TICKET-9");
        // Meanwhile another initiator refunds the whole payment.
        await Engine.RefundAsync(payment, 100m, maker: EngineHarness.Maker with { Id = "maker-2" });

        Dialogs.Find("#refund-initiate").Click();

        Dialogs.WaitForAssertion(() => Assert.Contains("has already been fully refunded", Dialogs.Find("[data-testid=refund-error]").TextContent));
        Assert.Equal("30", Dialogs.Find("#refund-amount").GetAttribute("value"));
        Assert.Equal("TICKET-9", Dialogs.Find("#refund-reference").GetAttribute("value"));
        Assert.Single(await RefundsOfAsync(payment));
    }
}
