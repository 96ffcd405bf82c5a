using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Refunds.Core.Analytics;
using Refunds.Core.Approvals;
using Refunds.Core.Demo;
using Refunds.Core.Payments;
using Refunds.Core.Payouts;
using Refunds.Core.Payouts.BankFile;
using Refunds.Core.Payouts.SimulatedBank;
using Refunds.Core.Persistence;
using Refunds.Core.Reasons;
using Refunds.Core.Refunds;
using Refunds.Core.Statements;
using Refunds.Core.Webhooks;

namespace Refunds.Core;

public static class EngineSetup
{
    /// <summary>
    /// Registers the engine. Its services are stateless singletons that open a short-lived database
    /// context per operation, so pages, endpoints and background work can all share them.
    /// </summary>
    public static IServiceCollection AddRefundsEngine(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<RefundStatusNotifier>();
        services.AddSingleton<UnitOfWork>();
        services.AddSingleton<MakerCheckerPolicy>();
        services.AddSingleton<ApprovalPolicies>();
        services.AddSingleton<ApprovalExpiry>();
        services.AddSingleton<RefundEngine>();
        services.AddSingleton<PaymentIntake>();
        services.AddSingleton<ReasonCatalog>();
        services.AddSingleton<RefundQueries>();
        services.AddSingleton<RefundAnalytics>();
        services.AddSingleton<PaymentQueries>();
        services.AddSingleton<StatementImporter>();
        services.AddSingleton<StatementQueries>();
        services.AddSingleton<DemoData>();
        services.AddSingleton<PayoutDispatcher>();
        services.AddSingleton<PayoutFiles>();
        services.AddSingleton<StatusReports>();
        services.AddSingleton<PayoutFileQueries>();
        // Webhooks: the outbox needs an IWebhookEventBody, which the host serving the API registers.
        services.AddSingleton<WebhookLocalEvents>();
        services.AddSingleton<WebhookOutbox>();
        services.AddSingleton<WebhookTargets>();
        services.AddSingleton<WebhookSender>();
        services.AddSingleton<WebhookRegistry>();
        services.AddSingleton<WebhookDeliveryLog>();
        services.AddSingleton<WebhookDispatcher>();
        services.TryAddSingleton<SimulatedBankRail>();
        // The simulated bank is the rail unless a real one was registered first.
        services.TryAddSingleton<IPayoutRail>(sp => sp.GetRequiredService<SimulatedBankRail>());
        return services;
    }
}
