using System.Net;
using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Refunds.Dashboard.Identity.BuiltInProvider;
using Refunds.Dashboard.Tests.Support;

namespace Refunds.Dashboard.Tests.Dashboard.Identity;

public class BearerTokenTests(DashboardFactory app) : IClassFixture<DashboardFactory>
{
    private const string ProtectedEndpoint = "/payouts/refunds/reasons";

    [Fact]
    public async Task A_request_without_a_token_gets_401()
    {
        var response = await app.CreateClient().GetAsync(ProtectedEndpoint);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_client_credentials_token_with_the_scope_gets_200()
    {
        var token = await app.TokenAsync("integration-maker", "refunds:read");

        var response = await app.ApiClient(token).GetAsync(ProtectedEndpoint);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("CUSTOMER_REQUEST", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_valid_token_without_the_scope_gets_403()
    {
        var token = await app.TokenAsync("integration-checker", "refunds:approve");

        var response = await app.ApiClient(token).GetAsync(ProtectedEndpoint);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task A_client_cannot_get_a_scope_it_was_not_granted()
    {
        var response = await app.CreateClient().PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = "integration-checker",
            ["client_secret"] = "integration-checker-secret",
            ["scope"] = "refunds:write",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_wrong_client_secret_gets_no_token()
    {
        var response = await app.CreateClient().PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = "integration-maker",
            ["client_secret"] = "not-the-secret",
        }));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_tampered_token_gets_401()
    {
        var token = await app.TokenAsync("integration-checker", "refunds:approve");
        var parts = token.Split('.');
        // Swap the payload for one claiming more scopes; the signature no longer matches.
        var payload = Base64UrlEncoder.Decode(parts[1]).Replace("refunds:approve", "refunds:read refunds:approve");
        var tampered = $"{parts[0]}.{Base64UrlEncoder.Encode(payload)}.{parts[2]}";

        var response = await app.ApiClient(tampered).GetAsync(ProtectedEndpoint);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task An_expired_token_signed_with_the_providers_own_key_gets_401()
    {
        await app.TokenAsync("integration-maker"); // the provider has created its keys by now
        var expired = SignedToken(app.Services.GetRequiredService<ProviderKeyStore>().Get(ProviderKeyStore.Signing),
            expires: DateTime.UtcNow.AddMinutes(-10));
        var fresh = SignedToken(app.Services.GetRequiredService<ProviderKeyStore>().Get(ProviderKeyStore.Signing),
            expires: DateTime.UtcNow.AddMinutes(10));

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.ApiClient(expired).GetAsync(ProtectedEndpoint)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.ApiClient(fresh).GetAsync(ProtectedEndpoint)).StatusCode);
    }

    [Fact]
    public async Task A_token_signed_with_another_key_gets_401()
    {
        using var rsa = System.Security.Cryptography.RSA.Create(2048);

        var forged = SignedToken(new RsaSecurityKey(rsa) { KeyId = "forged" }, DateTime.UtcNow.AddMinutes(10));

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.ApiClient(forged).GetAsync(ProtectedEndpoint)).StatusCode);
    }

    [Fact]
    public async Task A_signed_in_browser_session_does_not_authorize_api_calls()
    {
        var browser = new BrowserSession(app);
        await browser.SignInAsync("initiator");

        var response = await browser.Http.GetAsync(ProtectedEndpoint);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static string SignedToken(SecurityKey key, DateTime expires) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "http://localhost/",
            Audience = "refunds-api",
            Subject = new ClaimsIdentity([new Claim("sub", "integration-maker"), new Claim("scope", "refunds:read")]),
            NotBefore = expires.AddMinutes(-30),
            IssuedAt = expires.AddMinutes(-30),
            Expires = expires,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
            TokenType = "at+jwt",
        });
}
