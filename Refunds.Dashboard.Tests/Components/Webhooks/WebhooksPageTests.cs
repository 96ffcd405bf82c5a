using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Refunds.Core.Access;
using Refunds.Core.Refunds;
using Refunds.Core.Webhooks;
using Refunds.Dashboard.Components.Pages.Webhooks;
using Refunds.Dashboard.Tests.Support;

namespace Refunds.Dashboard.Tests.Components.Webhooks;

public sealed class WebhooksPageTests : DashboardTestContext, IClassFixture<WebhooksPageTests.Receiver>
{
    private static readonly Actor Integration = new("integration-hooks", "Hooks integration", ActorKind.Integration, Permission.ManageWebhooks);
    private readonly WebhookReceiver _receiver;

    public WebhooksPageTests(Receiver receiver)
    {
        _receiver = receiver.Listening;
        // The receiver is on 127.0.0.1 over http.
        Services.Configure<WebhookOptions>(o => o.AllowInsecureUrls = o.AllowPrivateTargets = true);
    }

    /// <summary>One receiver on 127.0.0.1 for the class's tests.</summary>
    public sealed class Receiver : IAsyncLifetime
    {
        public WebhookReceiver Listening { get; private set; } = null!;

        public async Task InitializeAsync() => Listening = await WebhookReceiver.StartAsync();

        public async Task DisposeAsync() => await Listening.DisposeAsync();
    }

    private async Task<WebhookEndpoint> DeliveredAsync()
    {
        var endpoint = await Services.GetRequiredService<WebhookRegistry>().RegisterAsync(Integration, _receiver.Url, null, "ERP");
        var payment = await Engine.PaymentAsync();
        // Created through the page's own services: an event is sent first by the instance that committed it, and the
        // engine harness is another instance on the same database.
        await Services.GetRequiredService<RefundEngine>().CreateAsync(EngineHarness.Maker,
            [new RefundRequest(payment.Id, 10m, payment.CurrencyCode, "CUSTOMER_REQUEST")]);
        await Services.GetRequiredService<WebhookDispatcher>().DispatchDueAsync();
        return endpoint;
    }

    private IRenderedComponent<WebhooksPage> RenderPage()
    {
        RenderProviders();
        return Render<WebhooksPage>();
    }

    [Fact]
    public async Task Reviewers_see_endpoints_with_their_health_and_each_delivery_with_its_attempts()
    {
        await DeliveredAsync();
        SignInAsReviewer();

        var page = RenderPage();

        page.WaitForAssertion(() => Assert.Equal("DELIVERED", page.Find("[data-testid=delivery-status]").TextContent));
        var endpoint = page.Find("[data-testid=endpoint-row]");
        Assert.Contains(_receiver.Url, endpoint.TextContent);
        Assert.Contains("integration-hooks", endpoint.TextContent);
        Assert.Equal("0", page.Find("[data-testid=failure-streak]").TextContent.Trim());
        Assert.Equal("1", page.Find("[data-testid=delivery-attempts]").TextContent);
        Assert.Contains("refund.created", page.Find("tbody tr.mud-table-row").TextContent);
    }

    [Fact]
    public async Task Retry_sends_the_delivery_again_and_shows_the_new_attempt()
    {
        await DeliveredAsync();
        SignInAsReviewer();
        var page = RenderPage();
        page.WaitForElement("[data-testid=retry-delivery]");

        page.Find("[data-testid=retry-delivery]").Click();

        page.WaitForAssertion(() => Assert.Equal("2", page.Find("[data-testid=delivery-attempts]").TextContent));
        Snackbars.WaitForAssertion(() => Assert.Contains("Sent again: answered 200.", Snackbars.Markup));
    }

    [Fact]
    public async Task A_reviewer_disables_an_endpoint_and_the_page_says_who_did()
    {
        await DeliveredAsync();
        SignInAsReviewer();
        var page = RenderPage();
        page.WaitForElement("[data-testid=disable-endpoint]");

        page.Find("[data-testid=disable-endpoint]").Click();

        page.WaitForAssertion(() => Assert.Equal($"Switched off by {EngineHarness.Checker.DisplayName}.", page.Find("[data-testid=disabled-reason]").TextContent));
        Assert.NotEmpty(page.FindAll("[data-testid=enable-endpoint]"));
    }

    [Fact]
    public async Task Viewers_see_endpoints_and_deliveries_but_no_buttons_that_change_them()
    {
        await DeliveredAsync();
        SignInAsViewer();

        var page = RenderPage();

        page.WaitForAssertion(() => Assert.Equal("DELIVERED", page.Find("[data-testid=delivery-status]").TextContent));
        Assert.Single(page.FindAll("[data-testid=endpoint-row]"));
        Assert.Empty(page.FindAll("[data-testid=retry-delivery]"));
        Assert.Empty(page.FindAll("[data-testid=disable-endpoint]"));
    }

    [Fact]
    public void Without_endpoints_the_page_says_how_integrations_register_them()
    {
        SignInAsViewer();

        var page = RenderPage();

        Assert.Contains("POST /webhooks/endpoints", page.Find("[data-testid=endpoints-empty]").TextContent);
    }
}
