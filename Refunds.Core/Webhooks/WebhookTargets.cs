using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Refunds.Core.Webhooks;

/// <summary>
/// Where webhooks may be sent. Integrations name the URL, so without this an endpoint could make the
/// product call into its own network (a database, a cloud metadata service) on their behalf. Checked
/// when an endpoint is registered or changed, and again on every connection, on the addresses the name
/// resolves to then: a name that resolved to a public address at registration may point inward later.
/// </summary>
public sealed class WebhookTargets(IOptionsMonitor<WebhookOptions> options)
{
    public const int MaxUrlLength = 2048;

    /// <summary>The URL as registered, or a refusal saying what is wrong with it.</summary>
    public async Task<Uri> CheckAsync(string? url, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(url)) throw Invalid("url is required.");
        if (url.Length > MaxUrlLength) throw Invalid($"url is at most {MaxUrlLength} characters.");
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
            throw Invalid($"'{url}' is not an absolute http(s) URL.");
        var settings = options.CurrentValue;
        if (uri.Scheme == "http" && !settings.AllowInsecureUrls)
            throw Invalid("Webhook URLs must use https.");
        if (uri.UserInfo.Length > 0) throw Invalid("Webhook URLs may not carry a user name or password.");
        if (!settings.AllowPrivateTargets)
        {
            IPAddress[] addresses;
            try
            {
                addresses = await ResolveAsync(uri.IdnHost, cancellationToken);
            }
            catch (SocketException)
            {
                throw Invalid($"The host {uri.Host} does not resolve.");
            }
            if (addresses.FirstOrDefault(a => WebhookAddresses.Classify(a) != WebhookAddressKind.Public) is { } refused)
                throw Invalid($"The host {uri.Host} resolves to {refused}, a {WebhookAddresses.Describe(WebhookAddresses.Classify(refused))} address; webhooks go to public addresses only.");
        }
        return uri;
    }

    /// <summary>
    /// The addresses a connection to <paramref name="host"/> may use now: all it resolves to, each
    /// checked unless private targets are allowed. Fails when none may be used.
    /// </summary>
    public async Task<IReadOnlyList<IPAddress>> AddressesToConnectAsync(string host, CancellationToken cancellationToken)
    {
        var addresses = await ResolveAsync(host, cancellationToken);
        if (options.CurrentValue.AllowPrivateTargets) return addresses;
        var allowed = addresses.Where(a => WebhookAddresses.Classify(a) == WebhookAddressKind.Public).ToList();
        return allowed.Count > 0
            ? allowed
            : throw new WebhookTargetRefusedException(
                $"Refused to connect to {host} ({string.Join(", ", addresses.Select(a => a.ToString()))}): not a public address.");
    }

    private static async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);

    private static RuleViolation Invalid(string message) => new(ErrorCode.InvalidWebhookUrl, message);
}

/// <summary>A connection refused because its target is not a public address.</summary>
public sealed class WebhookTargetRefusedException(string message) : Exception(message);
