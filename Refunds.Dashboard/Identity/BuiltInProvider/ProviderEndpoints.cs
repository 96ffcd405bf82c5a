using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Refunds.Dashboard.Identity.BuiltInProvider;

/// <summary>
/// The built-in provider's own endpoints: its sign-in form and the OpenID Connect authorize, token,
/// end-session and userinfo endpoints (OpenIddict validates the protocol; these decide who is who).
/// </summary>
public static class ProviderEndpoints
{
    /// <summary>The provider's own sign-in session, apart from the dashboard's.</summary>
    public const string LoginScheme = "BuiltInProvider.Login";

    public const string LoginPath = "/identity/login";

    public static IEndpointRouteBuilder MapBuiltInProvider(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("").AllowAnonymous().ExcludeFromDescription();
        group.MapGet(LoginPath, ShowLogin);
        group.MapPost(LoginPath, SubmitLogin);
        // Typed as Func so the IResult is written (a bare HttpContext handler would bind as a RequestDelegate).
        group.MapMethods("/connect/authorize", ["GET", "POST"], (Func<HttpContext, Task<IResult>>)Authorize).DisableAntiforgery();
        group.MapPost("/connect/token", IssueToken).DisableAntiforgery();
        group.MapMethods("/connect/endsession", ["GET", "POST"], (Func<HttpContext, Task<IResult>>)EndSession).DisableAntiforgery();
        group.MapMethods("/connect/userinfo", ["GET", "POST"], (Func<HttpContext, Task<IResult>>)UserInfo).DisableAntiforgery();
        return app;
    }

    private static IResult ShowLogin(HttpContext http, IAntiforgery antiforgery, string? returnUrl) =>
        LoginPage.Render(http, antiforgery, LocalUrl.OrRoot(returnUrl), username: null, error: null);

    /// <summary>The one answer to every failed sign-in: it does not say whether the username exists or is locked.</summary>
    public const string SignInRefused = "The username or password is not right, or the account is locked for a while after too many attempts. Try again later.";

    private static async Task<IResult> SubmitLogin(HttpContext http, IAntiforgery antiforgery, ProviderUsers users, SignInLockout lockout,
        [FromForm] string? username, [FromForm] string? password, [FromForm] string? returnUrl)
    {
        var safeReturnUrl = LocalUrl.OrRoot(returnUrl);
        var name = username?.Trim() ?? "";
        // The password is checked even for a locked account, so a locked and an open account take the same time.
        var user = users.Find(name, password);
        if (await lockout.IsLockedAsync(name, http.RequestAborted) || user is null)
        {
            await lockout.RecordFailureAsync(name);
            return LoginPage.Render(http, antiforgery, safeReturnUrl, username, SignInRefused);
        }
        await lockout.RecordSuccessAsync(name);

        var identity = new ClaimsIdentity(LoginScheme, Claims.Name, Claims.Role);
        identity.AddClaim(new Claim(Claims.Subject, user.Username));
        identity.AddClaim(new Claim(Claims.Name, string.IsNullOrWhiteSpace(user.DisplayName) ? user.Username : user.DisplayName));
        foreach (var role in user.Roles) identity.AddClaim(new Claim(Claims.Role, role));
        await http.SignInAsync(LoginScheme, new ClaimsPrincipal(identity));
        return Results.LocalRedirect(safeReturnUrl);
    }

    private static async Task<IResult> Authorize(HttpContext http)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        var login = await http.AuthenticateAsync(LoginScheme);
        if (!login.Succeeded || request.HasPromptValue(PromptValues.Login))
        {
            if (request.HasPromptValue(PromptValues.None))
                return Forbid(Errors.LoginRequired, "The user is not signed in.");
            // Come back here once signed in; drop prompt=login so the sign-in is not asked again.
            var parameters = (http.Request.HasFormContentType ? http.Request.Form.ToList() : http.Request.Query.ToList())
                .Where(p => p.Key != Parameters.Prompt);
            return Results.Challenge(new AuthenticationProperties
            {
                RedirectUri = http.Request.PathBase + http.Request.Path + QueryString.Create(parameters),
            }, [LoginScheme]);
        }

        var user = login.Principal!;
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, user.FindFirstValue(Claims.Subject))
            .SetClaim(Claims.Name, user.FindFirstValue(Claims.Name))
            .SetClaims(Claims.Role, [.. user.FindAll(Claims.Role).Select(c => c.Value)]);
        identity.SetScopes(request.GetScopes());
        identity.SetDestinations(_ => [Destinations.AccessToken, Destinations.IdentityToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static async Task<IResult> IssueToken(HttpContext http, IOptions<BuiltInProviderOptions> options, IOptions<AuthOptions> auth)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        if (request.IsClientCredentialsGrantType())
        {
            // OpenIddict has authenticated the client and checked it may ask for these scopes.
            var client = options.Value.Clients.Single(c => c.ClientId == request.ClientId);
            var scopes = request.GetScopes();
            var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
            identity.SetClaim(Claims.Subject, client.ClientId)
                .SetClaim(Claims.Name, string.IsNullOrWhiteSpace(client.DisplayName) ? client.ClientId : client.DisplayName);
            // No scope asked for: the client gets every scope it is allowed.
            identity.SetScopes(scopes.IsEmpty ? [.. client.Scopes] : scopes);
            identity.SetResources(auth.Value.ApiAudience);
            identity.SetDestinations(_ => [Destinations.AccessToken]);
            return Results.SignIn(new ClaimsPrincipal(identity), properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }
        if (request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType())
        {
            var principal = (await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)).Principal!;
            principal.SetDestinations(_ => [Destinations.AccessToken, Destinations.IdentityToken]);
            return Results.SignIn(principal, properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }
        return Forbid(Errors.UnsupportedGrantType, "Only client_credentials, authorization_code and refresh_token are supported.");
    }

    private static async Task<IResult> EndSession(HttpContext http)
    {
        await http.SignOutAsync(LoginScheme);
        // OpenIddict redirects to the client's registered post-logout URI; "/" when it sent none.
        return Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    private static async Task<IResult> UserInfo(HttpContext http)
    {
        var principal = (await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)).Principal;
        if (principal is null) return Results.Challenge(authenticationSchemes: [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        return Results.Ok(new Dictionary<string, object?>
        {
            [Claims.Subject] = principal.GetClaim(Claims.Subject),
            [Claims.Name] = principal.GetClaim(Claims.Name),
            [Claims.Role] = principal.GetClaims(Claims.Role),
        });
    }

    private static IResult Forbid(string error, string description) =>
        Results.Forbid(new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
