using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Refunds.Dashboard.Components.Pages.Payments;
using Refunds.Dashboard.Tests.Components.Statements;
using Refunds.Dashboard.Tests.Support;

namespace Refunds.Dashboard.Tests.Components.Payments;

public class PaymentsPageTests : DashboardTestContext
{
    private IRenderedComponent<PaymentsPage> RenderPage(int rows = 1)
    {
        RenderProviders();
        var page = Render<PaymentsPage>();
        page.WaitForAssertion(() => Assert.Equal(rows, page.FindAll("tbody tr.mud-table-row").Count));
        return page;
    }

    [Fact]
    public async Task Refund_is_enabled_for_a_reconciled_payment_with_something_left_to_refund()
    {
        await Engine.PaymentAsync(100m);
        SignInAsInitiator();

        var page = RenderPage();

        Assert.False(page.Find("button.refund-action").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Refund_is_disabled_with_the_reason_for_a_payment_not_yet_reconciled()
    {
        await Engine.PaymentAsync(100m, reconciled: false);
        SignInAsInitiator();

        var page = RenderPage();

        var button = page.Find("button.refund-action");
        Assert.True(button.HasAttribute("disabled"));
        Assert.Equal("Refunds are only available for transactions that have been reconciled.", button.GetAttribute("title"));
    }

    [Fact]
    public async Task Refund_is_disabled_with_the_reason_for_a_fully_refunded_payment()
    {
        var payment = await Engine.PaymentAsync(100m);
        await Engine.RefundAsync(payment, 100m);
        SignInAsInitiator();

        var page = RenderPage();

        var button = page.Find("button.refund-action");
        Assert.True(button.HasAttribute("disabled"));
        Assert.Contains("has already been fully refunded", button.GetAttribute("title"));
    }

    [Fact]
    public async Task A_reviewer_does_not_see_the_refund_action()
    {
        await Engine.PaymentAsync(100m);
        SignInAsReviewer();

        var page = RenderPage();

        Assert.Empty(page.FindAll(".refund-action"));
    }

    [Fact]
    public async Task A_viewer_does_not_see_the_refund_action()
    {
        await Engine.PaymentAsync(100m);
        SignInAsViewer();

        var page = RenderPage();

        Assert.Empty(page.FindAll(".refund-action"));
    }

    [Fact]
    public void An_empty_list_says_what_to_do()
    {
        SignInAsViewer();
        RenderProviders();

        var page = Render<PaymentsPage>();

        page.WaitForAssertion(() => Assert.Contains("Clear search and filters", page.Find("[data-testid=payments-empty]").TextContent));
    }

    [Fact]
    public async Task A_search_typed_just_before_focus_moves_on_is_applied()
    {
        var sought = await Engine.PaymentAsync(100m);
        await Engine.PaymentAsync(50m);
        SignInAsViewer();
        var page = RenderPage(rows: 2);

        page.Find("#payment-search").Input(sought.MerchantReference);
        page.Find("#payment-search").Blur();

        // Leaving the box settles its text without the pause, which never comes: only the leaving can apply it.
        page.WaitForAssertion(() => Assert.Single(page.FindAll("tbody tr.mud-table-row")));
        Assert.Contains(sought.MerchantReference!, page.Find("tbody tr.mud-table-row").TextContent);
    }

    [Fact]
    public async Task The_grid_table_is_named_by_the_page_heading()
    {
        await Engine.PaymentAsync(100m);
        SignInAsViewer();

        var page = RenderPage();

        Assert.Equal("payments-title", page.Find("table").GetAttribute("aria-labelledby"));
        Assert.Equal("Payments", page.Find("#payments-title").TextContent);
    }

    [Fact]
    public async Task A_reload_that_finds_a_payment_unchanged_in_its_place_keeps_its_row_so_a_click_under_way_on_its_Refund_button_is_not_lost()
    {
        await Engine.PaymentAsync(50m);
        // The newest, so first before and after the search: MudDataGrid keys rows within their position only.
        Engine.Clock.Advance(TimeSpan.FromMinutes(1));
        var sought = await Engine.PaymentAsync(100m);
        SignInAsInitiator();
        var page = RenderPage(rows: 2);
        var action = page.FindComponents<RefundAction>().Single(a => a.Instance.Payment.Id == sought.Id).Instance;

        // Focus moves from the search box to the row's Refund button: the search applies and the list is read again.
        page.Find("#payment-search").Input(sought.MerchantReference);
        page.Find("#payment-search").Blur();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("tbody tr.mud-table-row")));
        Assert.Same(action, page.FindComponent<RefundAction>().Instance);
    }

    [Fact]
    public async Task A_payment_reconciled_from_a_statement_links_to_that_statement()
    {
        var import = await (await StatementScene.RecordAsync(Engine)).ImportAsync(Engine);
        SignInAsViewer();

        var page = RenderPage(rows: 4);

        var link = Assert.Single(page.FindAll("a.from-statement"));
        Assert.Equal($"/bank-statements/{import.Id}", link.GetAttribute("href"));
    }

    [Fact]
    public async Task A_search_in_the_address_is_the_one_the_list_starts_with()
    {
        var wanted = await Engine.PaymentAsync(100m);
        await Engine.PaymentAsync(100m);
        SignInAsViewer();
        Services.GetRequiredService<NavigationManager>().NavigateTo($"/?search={wanted.Id}");

        var page = RenderPage(rows: 1);

        Assert.Equal(wanted.Id.ToString(), page.Find("tbody tr.mud-table-row span.mud-typography-mono").GetAttribute("title"));
    }
}
