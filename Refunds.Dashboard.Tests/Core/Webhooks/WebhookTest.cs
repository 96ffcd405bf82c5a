using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Refunds.Core.Access;
using Refunds.Core.Payouts.SimulatedBank;
using Refunds.Core.Persistence;
using Refunds.Core.Refunds;
using Refunds.Core.Webhooks;
using Refunds.Dashboard.Tests.Support;

namespace Refunds.Dashboard.Tests.Core.Webhooks;

/// <summary>The engine with a receiver on 127.0.0.1 and an integration that may register endpoints for it.</summary>
public abstract class WebhookTest : IAsyncLifetime
{
    /// <summary>An IBAN the simulated bank fails payouts to.</summary>
    public const string ClosedIban = "GB82WEST12345698765432";

    public static readonly Actor Integration = new("integration-hooks", "Hooks integration", ActorKind.Integration, Permission.ManageWebhooks);

    protected abstract DatabaseProvider Provider { get; }

    protected EngineHarness Engine { get; private set; } = null!;

    protected WebhookReceiver Receiver { get; private set; } = null!;

    protected WebhookDispatcher Dispatcher => Engine.Get<WebhookDispatcher>();

    protected WebhookRegistry Registry => Engine.Get<WebhookRegistry>();

    /// <summary>The webhook settings of the test: the receiver is on loopback over http, so both are allowed unless a test says otherwise.</summary>
    protected virtual void Configure(WebhookOptions options)
    {
        options.AllowInsecureUrls = true;
        options.AllowPrivateTargets = true;
    }

    public async Task InitializeAsync()
    {
        Receiver = await WebhookReceiver.StartAsync();
        Engine = await EngineHarness.StartAsync(provider: Provider, services: services =>
        {
            services.Configure<WebhookOptions>(Configure);
            services.Configure<SimulatedBankOptions>(o => o.ClosedIbans = [ClosedIban]);
        });
    }

    public async Task DisposeAsync()
    {
        await Engine.DisposeAsync();
        await Receiver.DisposeAsync();
    }

    protected Task<WebhookEndpoint> EndpointAsync(params string[] eventTypes) =>
        Registry.RegisterAsync(Integration, Receiver.Url, eventTypes, "test receiver");

    protected async Task<Refund> CreatedRefundAsync()
    {
        var payment = await Engine.PaymentAsync();
        return await Engine.RefundAsync(payment);
    }

    protected async Task<List<WebhookEvent>> EventsAsync()
    {
        await using var db = await Engine.NewContextAsync();
        return await db.WebhookEvents.AsNoTracking().OrderBy(e => e.Id).ToListAsync();
    }

    protected async Task<List<WebhookDelivery>> DeliveriesAsync()
    {
        await using var db = await Engine.NewContextAsync();
        return await db.WebhookDeliveries.AsNoTracking().Include(d => d.Event).Include(d => d.Attempts).OrderBy(d => d.CreatedAt).ThenBy(d => d.Id).ToListAsync();
    }

    protected async Task<WebhookEndpoint> EndpointByIdAsync(Guid id)
    {
        await using var db = await Engine.NewContextAsync();
        return await db.WebhookEndpoints.AsNoTracking().SingleAsync(e => e.Id == id);
    }
}
