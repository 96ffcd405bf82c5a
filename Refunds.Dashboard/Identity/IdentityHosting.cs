using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;
using Refunds.Core.Access;
using Refunds.Core.Persistence;
using Refunds.Dashboard.Identity.BuiltInProvider;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Refunds.Dashboard.Identity;

public static class IdentityHosting
{
    private const string SessionOrToken = "SessionOrToken";

    /// <summary>
    /// Operators sign in with OpenID Connect (code flow + PKCE) into a cookie session; integrations
    /// call the API with bearer JWTs. Both against <c>Auth:Authority</c>, or the built-in provider.
    /// </summary>
    public static WebApplicationBuilder AddRefundsIdentity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<BuiltInProviderOptions>().BindConfiguration(BuiltInProviderOptions.Section)
            .Validate(o => o.Users.All(u => u.Username.Length > 0 && u.Password.Length > 0), "BuiltInProvider:Users: every user needs a Username and a Password.")
            .Validate(o => o.Clients.All(c => c.ClientId.Length > 0 && c.ClientSecret.Length > 0), "BuiltInProvider:Clients: every client needs a ClientId and a ClientSecret.")
            .Validate(o => o.Clients.SelectMany(c => c.Scopes).All(ApiScopes.All.Contains), $"BuiltInProvider:Clients: scopes are {string.Join(", ", ApiScopes.All)}.")
            .ValidateOnStart();
        services.AddSingleton<ActorResolver>();
        services.AddSingleton<IAuthorizationHandler, PermissionHandler>();

        var auth = builder.Configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        var authentication = services
            .AddAuthentication(o =>
            {
                o.DefaultScheme = SessionOrToken;
                o.DefaultChallengeScheme = OpenIdConnectDefaults.AuthenticationScheme;
            })
            // Requests carrying a bearer token are authenticated by it, others by the session cookie,
            // so that middleware before authorization (rate limits) already knows the caller.
            // Endpoints still name the schemes they accept: the API never takes the cookie.
            .AddPolicyScheme(SessionOrToken, SessionOrToken, o => o.ForwardDefaultSelector = http =>
                http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? JwtBearerDefaults.AuthenticationScheme
                    : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o =>
            {
                o.Cookie.Name = "refunds.session";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.SlidingExpiration = true;
                o.ExpireTimeSpan = auth.SessionTimeout;
                // Operator-policy endpoints (the CSV export) challenge this scheme: send the browser to sign in.
                o.LoginPath = "/authentication/login";
            })
            .AddOpenIdConnect(o =>
            {
                o.ClientId = auth.ClientId;
                o.ClientSecret = string.IsNullOrEmpty(auth.ClientSecret) ? null : auth.ClientSecret;
                o.ResponseType = "code";
                // The code comes back on a plain redirect: a form_post page would need an inline script the CSP forbids.
                o.ResponseMode = "query";
                o.UsePkce = true;
                o.MapInboundClaims = false;
                o.SaveTokens = true;
                o.GetClaimsFromUserInfoEndpoint = false;
                foreach (var scope in auth.Scopes) o.Scope.Add(scope);
                o.TokenValidationParameters.NameClaimType = auth.NameClaimType;
                o.TokenValidationParameters.RoleClaimType = auth.RoleClaimType;
                // On plain http (the local default) these cookies must not be Secure-only, or the
                // browser never sends them back and sign-in fails with "Correlation failed".
                o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.CorrelationCookie.SameSite = SameSiteMode.Lax;
                o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.NonceCookie.SameSite = SameSiteMode.Lax;
                o.Events.OnTokenValidated = context =>
                {
                    var actors = context.HttpContext.RequestServices.GetRequiredService<ActorResolver>();
                    context.Principal = actors.OperatorSession((System.Security.Claims.ClaimsIdentity)context.Principal!.Identity!);
                    context.HttpContext.RequestServices.GetRequiredService<SessionRenewals>().Record(actors.Resolve(context.Principal).Id);
                    return Task.CompletedTask;
                };
            })
            .AddJwtBearer(o =>
            {
                o.MapInboundClaims = false;
                o.Audience = auth.ApiAudience;
                o.TokenValidationParameters.AuthenticationType = ActorResolver.ApiAuthenticationType;
                o.TokenValidationParameters.NameClaimType = auth.NameClaimType;
                o.TokenValidationParameters.RoleClaimType = auth.RoleClaimType;
                Endpoints.ApiSurfaceExtensions.WriteChallengeAsError(o.Events = new JwtBearerEvents());
            });
        services.AddSingleton<CachingTokenHandler>();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<CachingTokenHandler>((o, handler) =>
        {
            handler.MapInboundClaims = false;
            o.TokenHandlers.Clear();
            o.TokenHandlers.Add(handler);
        });

        services.AddSingleton<IAuthorizationMiddlewareResultHandler, Endpoints.ApiAuthorizationResultHandler>();
        services.AddAuthorization(o => PermissionPolicies.Add(o, JwtBearerDefaults.AuthenticationScheme, CookieAuthenticationDefaults.AuthenticationScheme));

        if (auth.UsesBuiltInProvider)
        {
            AddBuiltInProvider(builder, authentication, auth);
        }
        else
        {
            var requireHttps = auth.RequireHttpsMetadata ?? true;
            services.Configure<OpenIdConnectOptions>(OpenIdConnectDefaults.AuthenticationScheme, o => (o.Authority, o.RequireHttpsMetadata) = (auth.Authority, requireHttps));
            services.Configure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, o => (o.Authority, o.RequireHttpsMetadata) = (auth.Authority, requireHttps));
        }
        return builder;
    }

    public static WebApplication MapRefundsIdentity(this WebApplication app)
    {
        app.MapAccountEndpoints();
        if (app.Services.GetRequiredService<IOptions<AuthOptions>>().Value.UsesBuiltInProvider) app.MapBuiltInProvider();
        return app;
    }

    private static void AddBuiltInProvider(WebApplicationBuilder builder, Microsoft.AspNetCore.Authentication.AuthenticationBuilder authentication, AuthOptions auth)
    {
        var provider = builder.Configuration.GetSection(BuiltInProviderOptions.Section).Get<BuiltInProviderOptions>() ?? new BuiltInProviderOptions();
        if (builder.Environment.IsProduction() && !provider.AllowInProduction)
            throw new InvalidOperationException(
                "The built-in demo identity provider is not for production: set Auth:Authority to your OpenID Connect provider, " +
                "or set BuiltInProvider:AllowInProduction=true to run it anyway.");

        var services = builder.Services;
        services.AddSingleton<ProviderKeyStore>();
        services.AddSingleton<ProviderUsers>();
        services.AddSingleton<SignInLockout>();
        // OpenIddict's stores take the DbContext from the request scope.
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<RefundsDbContext>>().CreateDbContext());
        services.AddOpenIddict()
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<RefundsDbContext>())
            .AddServer(o =>
            {
                o.SetAuthorizationEndpointUris("connect/authorize")
                    .SetTokenEndpointUris("connect/token")
                    .SetEndSessionEndpointUris("connect/endsession")
                    .SetUserInfoEndpointUris("connect/userinfo");
                o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange().AllowClientCredentialsFlow();
                o.RegisterScopes([Scopes.OpenId, Scopes.Profile, Scopes.Roles, .. ApiScopes.All]);
                // Plain signed JWTs, so any standard JwtBearer validates them.
                o.DisableAccessTokenEncryption();
                o.SetAccessTokenLifetime(provider.AccessTokenLifetime);
                o.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough()
                    .EnableUserInfoEndpointPassthrough()
                    // The local default runs on http://127.0.0.1; put TLS in front for anything else.
                    .DisableTransportSecurityRequirement();
            });

        // Keys and issuer are only known once the database is migrated and the server listens:
        // options are built on first use, after both.
        services.AddOptions<OpenIddictServerOptions>().Configure<ProviderKeyStore, IServer, IOptions<BuiltInProviderOptions>>((o, keys, server, settings) =>
        {
            o.Issuer = ProviderIssuer.Resolve(settings.Value, server);
            o.SigningCredentials.Add(new SigningCredentials(keys.Get(ProviderKeyStore.Signing), SecurityAlgorithms.RsaSha256));
            o.EncryptionCredentials.Add(new EncryptingCredentials(keys.Get(ProviderKeyStore.Encryption), SecurityAlgorithms.RsaOAEP, SecurityAlgorithms.Aes256CbcHmacSha512));
        });
        services.AddOptions<OpenIdConnectOptions>(OpenIdConnectDefaults.AuthenticationScheme).Configure<IServer, IOptions<BuiltInProviderOptions>>((o, server, settings) =>
        {
            o.Authority = ProviderIssuer.Resolve(settings.Value, server).ToString();
            o.RequireHttpsMetadata = auth.RequireHttpsMetadata ?? false;
        });
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<IServer, IOptions<BuiltInProviderOptions>>((o, server, settings) =>
        {
            o.Authority = ProviderIssuer.Resolve(settings.Value, server).ToString();
            o.RequireHttpsMetadata = auth.RequireHttpsMetadata ?? false;
        });

        authentication.AddCookie(ProviderEndpoints.LoginScheme, o =>
        {
            o.Cookie.Name = "refunds.idp";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.LoginPath = ProviderEndpoints.LoginPath;
            o.ReturnUrlParameter = "returnUrl";
        });
        services.AddHostedService<ProviderClientRegistration>();
    }
}
