using Microsoft.Extensions.Options;
using Refunds.Dashboard.Identity;

namespace Refunds.Dashboard.Hosting;

/// <summary>
/// Headers every response carries: a Content-Security-Policy the dashboard works under (Blazor
/// Server, MudBlazor, its SignalR connection and the sign-in pages; no eval, no framing), plus
/// nosniff, a referrer policy and a permissions policy. HSTS is added by UseHsts on https.
/// </summary>
internal sealed class SecurityHeaders(RequestDelegate next, IOptions<AuthOptions> auth)
{
    private readonly string _policy = Policy(auth.Value, inlineScripts: false);

    // The API reference page starts its viewer with an inline module script; only that page allows one.
    private readonly string _apiDocsPolicy = Policy(auth.Value, inlineScripts: true);

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/api-docs") ? _apiDocsPolicy : _policy;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            return Task.CompletedTask;
        });
        return next(context);
    }

    private static string Policy(AuthOptions auth, bool inlineScripts)
    {
        // Forms post to the app, and sign-in/sign-out redirect through the identity provider.
        var provider = auth.UsesBuiltInProvider ? "" : " " + new Uri(auth.Authority!).GetLeftPart(UriPartial.Authority);
        return string.Join("; ",
            "default-src 'self'",
            inlineScripts ? "script-src 'self' 'unsafe-inline'" : "script-src 'self'",
            // MudBlazor positions popovers and sizes components with inline style attributes.
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "frame-ancestors 'none'",
            $"form-action 'self'{provider}");
    }
}
