using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Refunds.Core.Access;
using Microsoft.Extensions.Options;
using Refunds.Core.Payouts;
using Refunds.Core.Payouts.BankFile;
using Refunds.Core.Payouts.SimulatedBank;
using Refunds.Dashboard.Identity;

namespace Refunds.Dashboard.Payouts;

public static class PayoutHosting
{
    /// <summary>Operators (cookie) and integrations (bearer) who may read refunds may listen to the hub.</summary>
    public const string HubPolicy = "hub:refunds";

    /// <summary>Reviewers (cookie) and approving integrations (bearer) may read the simulated bank's ledger.</summary>
    public const string LedgerPolicy = "simulated-bank:ledger";

    /// <summary>The payout rail (the dispatcher and the simulated bank, or payout files), and the live status hub.</summary>
    public static WebApplicationBuilder AddRefundsPayouts(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<PayoutOptions>().BindConfiguration(PayoutOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SimulatedBankOptions>().BindConfiguration(SimulatedBankOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.OpeningBalances.Keys.All(c => Core.Payments.Currency.TryFind(c, out _)), "SimulatedBank:OpeningBalances: keys are ISO 4217 currency codes.")
            .Validate(o => o.ClosedIbans.All(Core.Payments.Iban.IsValid), "SimulatedBank:ClosedIbans: every entry must be a valid IBAN.")
            .ValidateOnStart();
        services.AddOptions<BankFileOptions>().BindConfiguration(BankFileOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<BankFileOptions>, BankFileOptionsValidator>();
        services.AddHostedService<PayoutDispatcherService>();
        services.AddHostedService<PayoutFileScheduleService>();
        services.AddHostedService<RefundsHubBridge>();
        // Hub messages read like the REST API: snake_case, UTC instants.
        services.AddSignalR().AddJsonProtocol(o =>
        {
            o.PayloadSerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower;
            o.PayloadSerializerOptions.Converters.Add(new Endpoints.UtcInstantConverter());
        });

        services.AddAuthorization(o =>
        {
            o.AddPolicy(HubPolicy, p => p
                .AddAuthenticationSchemes(CookieAuthenticationDefaults.AuthenticationScheme, JwtBearerDefaults.AuthenticationScheme)
                .RequireAuthenticatedUser()
                .AddRequirements(new PermissionRequirement(Permission.ReadRefunds)));
            o.AddPolicy(LedgerPolicy, p => p
                .AddAuthenticationSchemes(CookieAuthenticationDefaults.AuthenticationScheme, JwtBearerDefaults.AuthenticationScheme)
                .RequireAuthenticatedUser()
                .AddRequirements(new PermissionRequirement(Permission.ApproveRefunds)));
        });
        // Browsers' WebSocket clients cannot send headers: the hub also takes the token from the query string.
        services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, o => o.Events.OnMessageReceived = context =>
        {
            if (context.HttpContext.Request.Path.StartsWithSegments(RefundsHub.Path) && context.Request.Query["access_token"] is { Count: > 0 } token)
                context.Token = token;
            return Task.CompletedTask;
        });
        return builder;
    }

    public static WebApplication MapRefundsPayouts(this WebApplication app)
    {
        app.MapHub<RefundsHub>(RefundsHub.Path).RequireAuthorization(HubPolicy);
        if (app.Services.GetRequiredService<IPayoutRail>() is SimulatedBankRail) app.MapSimulatedBankEndpoints();
        return app;
    }
}
