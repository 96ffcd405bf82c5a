using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using Refunds.Core;
using Refunds.Core.Access;
using Refunds.Core.Persistence;
using Refunds.Core.Webhooks;
using Refunds.Dashboard.Components;
using Refunds.Dashboard.Identity;
using Refunds.Dashboard.Webhooks;

namespace Refunds.Dashboard.Tests.Support;

/// <summary>
/// Base for component tests: MudBlazor's services, loose JS interop, a signed-in operator made of the
/// same claims the app's session carries, and the real engine on a fresh SQLite file that
/// <see cref="Engine"/> also writes to (to set the scene and to look at what a page did).
/// </summary>
public abstract class DashboardTestContext : BunitContext, IAsyncLifetime
{
    private readonly TestDatabase _database = TestDatabase.Sqlite();
    private readonly BunitAuthorizationContext _auth;

    static DashboardTestContext() => DefaultWaitTimeout = TimeSpan.FromSeconds(10);

    protected DashboardTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddOptions<RefundsOptions>();
        Services.AddOptions<AuthOptions>();
        Services.AddRefundsDatabase(_database.Provider, _database.ConnectionString);
        Services.AddRefundsEngine();
        Services.AddSingleton<IWebhookEventBody, RefundEventBody>();
        Services.AddSingleton<ActorResolver>();
        Services.AddScoped<CurrentOperator>();
        Services.AddScoped<SessionActivity>();
        Services.AddSingleton<SessionRenewals>();
        Services.AddScoped<LiveRefunds>();
        _auth = AddAuthorization();
    }

    /// <summary>The engine on the components' database (migrated before each test).</summary>
    protected EngineHarness Engine { get; private set; } = null!;

    /// <summary>Where MudBlazor renders open dialogs; null until <see cref="RenderProviders"/>.</summary>
    protected IRenderedComponent<MudDialogProvider> Dialogs { get; private set; } = null!;

    /// <summary>Where select lists and tooltips open.</summary>
    protected IRenderedComponent<MudPopoverProvider> Popovers { get; private set; } = null!;

    protected IRenderedComponent<MudSnackbarProvider> Snackbars { get; private set; } = null!;

    /// <summary>Signs in as the harness's actor with the given operator roles, as the app's session would carry them.</summary>
    protected void SignInAs(Actor actor, params string[] roles) =>
        _auth.SetAuthorized(actor.DisplayName).SetClaims(
            [
                new Claim(ActorResolver.SubjectClaim, actor.Id),
                new Claim("name", actor.DisplayName),
                .. roles.Select(role => new Claim(ActorResolver.RoleClaim, role)),
            ]);

    protected void SignInAsInitiator() => SignInAs(EngineHarness.Maker, OperatorRoles.Initiator);

    protected void SignInAsReviewer() => SignInAs(EngineHarness.Checker, OperatorRoles.Approver);

    protected void SignInAsViewer() => SignInAs(EngineHarness.Viewer, OperatorRoles.Viewer);

    /// <summary>The providers the layout holds in the app; pages open dialogs, popovers and snackbars in them.</summary>
    protected void RenderProviders()
    {
        Popovers = Render<MudPopoverProvider>();
        Dialogs = Render<MudDialogProvider>();
        Snackbars = Render<MudSnackbarProvider>();
    }

    public virtual async Task InitializeAsync()
    {
        // As in the app once the circuit is live; tests of the prerendered page say otherwise. Here, once
        // derived tests have added their services: setting it makes the renderer, which closes the services.
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        Engine = await EngineHarness.StartAsync(database: _database);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        // Components and their services first: the harness deletes the database file they use.
        await DisposeAsync();
        await Engine.DisposeAsync();
        await _database.DisposeAsync();
    }
}
