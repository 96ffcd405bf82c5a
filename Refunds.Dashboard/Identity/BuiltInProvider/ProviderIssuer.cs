using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Refunds.Dashboard.Identity.BuiltInProvider;

/// <summary>
/// The built-in provider's issuer URL: the configured one, or else the first address the server
/// listens on. One canonical value, so tokens fetched from it validate against it.
/// </summary>
public static class ProviderIssuer
{
    public static Uri Resolve(BuiltInProviderOptions options, IServer server)
    {
        if (!string.IsNullOrWhiteSpace(options.Issuer)) return WithTrailingSlash(options.Issuer);
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("Setting BuiltInProvider:Issuer is required when the server does not report its address.");
        var uri = new UriBuilder(address.Replace("://+", "://localhost").Replace("://*", "://localhost"));
        if (uri.Host is "0.0.0.0" or "[::]") uri.Host = "127.0.0.1";
        return WithTrailingSlash(uri.Uri.GetLeftPart(UriPartial.Authority));
    }

    private static Uri WithTrailingSlash(string url) => new(url.EndsWith('/') ? url : url + "/");
}
