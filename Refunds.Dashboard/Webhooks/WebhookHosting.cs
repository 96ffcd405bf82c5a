using Refunds.Core.Webhooks;

namespace Refunds.Dashboard.Webhooks;

public static class WebhookHosting
{
    /// <summary>Refund events for integrations: their body, the delivery worker and its settings.</summary>
    public static WebApplicationBuilder AddRefundsWebhooks(this WebApplicationBuilder builder)
    {
        var development = builder.Environment.IsDevelopment();
        builder.Services.AddOptions<WebhookOptions>()
            // The local walk-through sends to a receiver on this machine over plain http.
            .Configure(o => o.AllowInsecureUrls = o.AllowPrivateTargets = development)
            .BindConfiguration(WebhookOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => o.RetrySchedule.All(w => w > TimeSpan.Zero), "Webhooks:RetrySchedule: every wait must be longer than zero.")
            .Validate(o => o.LeaseDuration >= 2 * o.Timeout + TimeSpan.FromSeconds(5),
                "Webhooks:LeaseDuration must be at least twice Webhooks:Timeout and 5 s more, so that a message is answered while its lease holds.")
            .ValidateOnStart();
        builder.Services.AddSingleton<IWebhookEventBody, RefundEventBody>();
        builder.Services.AddHostedService<WebhookWorker>();
        return builder;
    }
}
