using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Mvc;

namespace Refunds.Dashboard.Identity;

/// <summary>The dashboard's sign-in and sign-out: real HTTP round trips to the identity provider.</summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/authentication").ExcludeFromDescription();
        group.MapGet("/login", (string? returnUrl) =>
            Results.Challenge(new AuthenticationProperties { RedirectUri = LocalUrl.OrRoot(returnUrl) }, [OpenIdConnectDefaults.AuthenticationScheme]))
            .AllowAnonymous();
        // Where "Sign in again" (opened in a new tab by a dashboard whose session ran out) lands.
        group.MapGet("/renewed", () => Results.Content(
            "<!DOCTYPE html><html lang=\"en\"><head><title>Signed in again · Refunds</title><link rel=\"stylesheet\" href=\"/identity/login.css\"></head>"
            + "<body><main><h1>You are signed in again</h1><p>Close this tab and carry on in the dashboard where you left off.</p></main></body></html>",
            "text/html; charset=utf-8")).RequireAuthorization();
        // A form post with an antiforgery token, so another site cannot sign an operator out.
        group.MapPost("/logout", ([FromForm] string? returnUrl) =>
            Results.SignOut(new AuthenticationProperties { RedirectUri = LocalUrl.OrRoot(returnUrl) },
                [CookieAuthenticationDefaults.AuthenticationScheme, OpenIdConnectDefaults.AuthenticationScheme]))
            .RequireAuthorization();
        return app;
    }
}
