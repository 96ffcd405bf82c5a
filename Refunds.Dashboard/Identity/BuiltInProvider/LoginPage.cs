using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;

namespace Refunds.Dashboard.Identity.BuiltInProvider;

/// <summary>The built-in provider's sign-in form: plain, accessible HTML that needs no script.</summary>
internal static class LoginPage
{
    public static IResult Render(HttpContext http, IAntiforgery antiforgery, string returnUrl, string? username, string? error)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        var html = HtmlEncoder.Default;
        var errorBlock = error is null
            ? ""
            : $"""<p id="login-error" class="error" role="alert">{html.Encode(error)}</p>""";
        var described = error is null ? "" : """ aria-describedby="login-error" aria-invalid="true" """;
        var page = $$"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <title>Sign in · Refunds</title>
              <link rel="stylesheet" href="/identity/login.css">
            </head>
            <body>
              <main>
                <h1>Sign in to Refunds</h1>
                <p class="notice">This is the built-in demo identity provider. Connect your own OpenID Connect provider for real users.</p>
                {{errorBlock}}
                <form method="post" action="{{ProviderEndpoints.LoginPath}}">
                  <input type="hidden" name="{{html.Encode(tokens.FormFieldName)}}" value="{{html.Encode(tokens.RequestToken ?? "")}}">
                  <input type="hidden" name="returnUrl" value="{{html.Encode(returnUrl)}}">
                  <label for="username">Username</label>
                  <input id="username" name="username" autocomplete="username" required autofocus value="{{html.Encode(username ?? "")}}"{{described}}>
                  <label for="password">Password</label>
                  <input id="password" name="password" type="password" autocomplete="current-password" required{{described}}>
                  <button type="submit">Sign in</button>
                </form>
              </main>
            </body>
            </html>
            """;
        return Results.Content(page, "text/html; charset=utf-8", statusCode: error is null ? 200 : 401);
    }
}
