using Microsoft.Playwright;
using Refunds.E2E.Harness;
using Refunds.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace Refunds.E2E.Flows;

public class WebhooksPageTests(E2EApp app) : IClassFixture<E2EApp>, IDisposable
{
    private readonly WebhookListener _receiver = new();

    public void Dispose() => _receiver.Dispose();

    [Fact]
    public async Task A_reviewer_sees_an_integrations_endpoint_and_its_deliveries_and_sends_one_again()
    {
        using var maker = await RefundsApi.SignInAsync(app.BaseAddress, "integration-maker");
        await maker.SendAsync(HttpMethod.Post, "/webhooks/endpoints", new { url = _receiver.Url, event_types = new[] { "refund.created" }, description = "E2E receiver" });
        var payment = await maker.SeedPaymentAsync(40m, reconciled: true);
        await maker.SendAsync(HttpMethod.Post, "/payouts/refunds", new[] { new { payment_id = payment.Id, amount = 15m, reason_code = "CUSTOMER_REQUEST" } });
        await Wait.UntilAsync(() => Task.FromResult(!_receiver.Received.IsEmpty), TimeSpan.FromSeconds(30));
        var page = await SignInPage.SignInAsync(await app.NewPageAsync(), "approver");

        await new NavMenu(page).Webhooks.ClickAsync();
        var webhooks = new WebhooksPage(page);
        await Expect(webhooks.Endpoints.Filter(new() { HasText = _receiver.Url })).ToContainTextAsync("Enabled");
        var delivery = webhooks.Delivery("refund.created").First;
        await Expect(webhooks.AttemptsOf(delivery)).ToHaveTextAsync("1");
        await webhooks.ExpandAttemptsOf(delivery);
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Attempts of this delivery" })).ToContainTextAsync("200");
        // Scanned before the Retry's snackbar, whose fade-in axe reads as low contrast.
        var violations = (await AccessibilityTests.ScanAsync(page, "Webhooks")).ToList();
        await webhooks.RetryOf(delivery).ClickAsync();

        await Expect(webhooks.AttemptsOf(delivery)).ToHaveTextAsync("2");
        await Expect(page.GetByText("Sent again: answered 200.")).ToBeVisibleAsync();
        Assert.True(_receiver.Received.Count == 2, $"Sent {_receiver.Received.Count} times:\n{string.Join("\n", _receiver.Received)}");
        Assert.Single(_receiver.Received.Select(m => m.Id).Distinct());
        Assert.True(violations.Count == 0, "Serious or critical accessibility violations:\n" + string.Join("\n", violations));
        await E2EApp.ScreenshotAsync(page, "webhooks");
        Assert.True(app.CspViolations.Count == 0, string.Join("\n", app.CspViolations));
    }
}
