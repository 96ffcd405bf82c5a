using MudBlazor.Services;
using Refunds.Dashboard.Components;
using Refunds.Dashboard.Endpoints;
using Refunds.Dashboard.Exports;
using Refunds.Dashboard.Identity;

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
        builder.Services.AddScoped<RefundChanges>();
        builder.Services.AddSingleton<Microsoft.AspNetCore.Routing.MatcherPolicy, PageOrApiMatcherPolicy>();
        return builder;
    }

    /// <summary>Middleware and endpoints, in the order requests need them.</summary>
    public static WebApplication MapRefundsDashboard(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = ApiHosting.WriteUnexpectedErrorAsync });
        app.UseStatusCodePages(ApiHosting.WriteBareStatusAsError);
        app.MapStaticAssets();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapHealthChecks("/health").AllowAnonymous();
        app.MapRefundsIdentity();
        app.MapRefundsApi();
        app.MapRefundExport();
        // Every page needs a signed-in operator; anonymous visitors are sent to the identity provider.
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode().RequireAuthorization();
        return app;
    }
}
