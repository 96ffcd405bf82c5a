using Microsoft.Playwright;

namespace Refunds.E2E.Pages;

/// <summary>The Webhooks tab: integrations' endpoints and the delivery log.</summary>
public sealed class WebhooksPage(IPage page)
{
    public ILocator Endpoints => page.GetByTestId("endpoint-row");

    public ILocator Deliveries => page.GetByRole(AriaRole.Table, new() { Name = "Deliveries" }).Locator("tbody tr.mud-table-row");

    public ILocator Delivery(string eventType) => Deliveries.Filter(new() { HasText = eventType });

    public ILocator RetryOf(ILocator delivery) => delivery.GetByTestId("retry-delivery");

    public ILocator AttemptsOf(ILocator delivery) => delivery.GetByTestId("delivery-attempts");

    /// <summary>Opens the row's attempts, shown in a row below it.</summary>
    public Task ExpandAttemptsOf(ILocator delivery) => delivery.GetByRole(AriaRole.Button).First.ClickAsync();
}
