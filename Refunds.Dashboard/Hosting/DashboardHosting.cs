using MudBlazor.Services;
using Refunds.Dashboard.Components;
using Refunds.Dashboard.Endpoints;
using Refunds.Dashboard.Exports;
using Refunds.Dashboard.Identity;
using Refunds.Dashboard.Payouts;

namespace Refunds.Dashboard.Hosting;

public static class DashboardHosting
{
    /// <summary>The Blazor Server pages (MudBlazor).</summary>
    public static WebApplicationBuilder AddRefundsDashboard(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddCascadingAuthenticationState();
        // Bottom right: results never cover the app bar's Sign out or a dialog's buttons.
        builder.Services.AddMudServices(c => c.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.BottomRight);
        builder.Services.AddScoped<CurrentOperator>();
        builder.Services.AddScoped<SessionActivity>();
        builder.Services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler, SessionActivity.Tracker>();
        builder.Services.AddSingleton<SessionRenewals>();
        builder.Services.AddScoped<LiveRefunds>();
        builder.Services.AddOptions<RequestLimitOptions>().BindConfiguration(RequestLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.AddRefundsDiagnostics();
        return builder;
    }

    /// <summary>Middleware and endpoints, in the order requests need them.</summary>
    public static WebApplication MapRefundsDashboard(this WebApplication app)
    {
        app.UseMiddleware<SecurityHeaders>();
        app.UseHsts();
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = ApiHosting.WriteUnexpectedErrorAsync });
        app.UseMiddleware<RequestLimits>();
        app.UseStatusCodePages(ApiHosting.WriteBareStatusAsError);
        app.MapStaticAssets();
        app.UseRefundsRateLimits(authenticate: () => app.UseAuthentication());
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapRefundsHealth();
        app.MapRefundsDiagnostics();
        app.MapRefundsIdentity();
        app.MapRefundsApi();
        app.MapRefundsPayouts();
        app.MapRefundExport();
        app.MapOverviewExport();
        app.MapPayoutFileDownload();
        // Every page needs a signed-in operator; anonymous visitors are sent to the identity provider.
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode().RequireAuthorization();
        return app;
    }
}
