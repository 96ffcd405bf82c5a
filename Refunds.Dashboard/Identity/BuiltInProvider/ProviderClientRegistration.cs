using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Refunds.Dashboard.Identity.BuiltInProvider;

/// <summary>
/// Makes the provider's registered clients match the settings at every start: the dashboard itself
/// (code flow with PKCE) and each integration client (client credentials with its scopes).
/// Runs after the database migrations. Instances starting together race to write the same rows: the
/// loser of a race (a duplicate client id, or a row changed under it) starts over on fresh data.
/// </summary>
internal sealed class ProviderClientRegistration(
    IServiceScopeFactory scopes,
    IOptions<BuiltInProviderOptions> provider,
    IOptions<AuthOptions> auth) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await SynchronizeAsync(cancellationToken);
                return;
            }
            catch (Exception ex) when (attempt < 5 && ex is OpenIddictExceptions.ConcurrencyException or Microsoft.EntityFrameworkCore.DbUpdateException)
            {
                await Task.Delay(Random.Shared.Next(50, 250) * attempt, cancellationToken);
            }
        }
    }

    private async Task SynchronizeAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();

        var wanted = new List<OpenIddictApplicationDescriptor> { DashboardClient() };
        wanted.AddRange(provider.Value.Clients.Select(IntegrationClient));
        foreach (var descriptor in wanted)
        {
            var existing = await applications.FindByClientIdAsync(descriptor.ClientId!, cancellationToken);
            if (existing is null) await applications.CreateAsync(descriptor, cancellationToken);
            else await applications.UpdateAsync(existing, descriptor, cancellationToken);
        }

        // A client removed from the settings can no longer get tokens.
        var keep = wanted.Select(d => d.ClientId).ToHashSet();
        var stale = new List<object>();
        await foreach (var application in applications.ListAsync(count: null, offset: null, cancellationToken))
        {
            if (!keep.Contains(await applications.GetClientIdAsync(application, cancellationToken))) stale.Add(application);
        }
        foreach (var application in stale) await applications.DeleteAsync(application, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private OpenIddictApplicationDescriptor DashboardClient()
    {
        var secret = auth.Value.ClientSecret;
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = auth.Value.ClientId,
            ClientSecret = string.IsNullOrEmpty(secret) ? null : secret,
            ClientType = string.IsNullOrEmpty(secret) ? ClientTypes.Public : ClientTypes.Confidential,
            // "Native" lets loopback redirect URIs match on any port (RFC 8252), so the dashboard works
            // on whatever local port it is started on.
            ApplicationType = ApplicationTypes.Native,
            ConsentType = ConsentTypes.Implicit,
            DisplayName = "Refunds dashboard",
            Permissions =
            {
                Permissions.Endpoints.Authorization, Permissions.Endpoints.Token, Permissions.Endpoints.EndSession,
                Permissions.GrantTypes.AuthorizationCode, Permissions.ResponseTypes.Code,
                Permissions.Scopes.Profile, Permissions.Scopes.Roles,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };
        foreach (var host in new[] { "127.0.0.1", "localhost", "[::1]" })
        {
            descriptor.RedirectUris.Add(new Uri($"http://{host}/signin-oidc"));
            descriptor.PostLogoutRedirectUris.Add(new Uri($"http://{host}/signout-callback-oidc"));
        }
        if (!string.IsNullOrWhiteSpace(provider.Value.Issuer))
        {
            var site = new Uri(provider.Value.Issuer);
            descriptor.RedirectUris.Add(new Uri(site, "/signin-oidc"));
            descriptor.PostLogoutRedirectUris.Add(new Uri(site, "/signout-callback-oidc"));
        }
        return descriptor;
    }

    private static OpenIddictApplicationDescriptor IntegrationClient(BuiltInProviderOptions.Client client)
    {
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = client.ClientId,
            ClientSecret = client.ClientSecret,
            ClientType = ClientTypes.Confidential,
            DisplayName = string.IsNullOrWhiteSpace(client.DisplayName) ? client.ClientId : client.DisplayName,
            Permissions = { Permissions.Endpoints.Token, Permissions.GrantTypes.ClientCredentials },
        };
        foreach (var scope in client.Scopes) descriptor.Permissions.Add(Permissions.Prefixes.Scope + scope);
        return descriptor;
    }
}
