using System.Net;
using System.Net.Sockets;

namespace Refunds.Core.Webhooks;

/// <summary>What kind of address a webhook would reach: only <see cref="WebhookAddressKind.Public"/> ones are allowed by default.</summary>
public enum WebhookAddressKind
{
    Public,
    Loopback,
    Private,
    LinkLocal,
    CloudMetadata,
    /// <summary>Unspecified, multicast, broadcast, documentation, benchmarking and other reserved ranges.</summary>
    Reserved,
}

/// <summary>Classifies IP addresses by the ranges of RFC 6890 and the clouds' metadata services.</summary>
public static class WebhookAddresses
{
    private static readonly (IPNetwork Network, WebhookAddressKind Kind)[] Ranges =
    [
        // Metadata first: it lies inside ranges below (link-local, shared address space, unique local).
        (IPNetwork.Parse("169.254.169.254/32"), WebhookAddressKind.CloudMetadata),
        (IPNetwork.Parse("100.100.100.200/32"), WebhookAddressKind.CloudMetadata),
        (IPNetwork.Parse("fd00:ec2::254/128"), WebhookAddressKind.CloudMetadata),
        (IPNetwork.Parse("127.0.0.0/8"), WebhookAddressKind.Loopback),
        (IPNetwork.Parse("::1/128"), WebhookAddressKind.Loopback),
        (IPNetwork.Parse("10.0.0.0/8"), WebhookAddressKind.Private),
        (IPNetwork.Parse("172.16.0.0/12"), WebhookAddressKind.Private),
        (IPNetwork.Parse("192.168.0.0/16"), WebhookAddressKind.Private),
        (IPNetwork.Parse("100.64.0.0/10"), WebhookAddressKind.Private),
        (IPNetwork.Parse("fc00::/7"), WebhookAddressKind.Private),
        (IPNetwork.Parse("169.254.0.0/16"), WebhookAddressKind.LinkLocal),
        (IPNetwork.Parse("fe80::/10"), WebhookAddressKind.LinkLocal),
        (IPNetwork.Parse("0.0.0.0/8"), WebhookAddressKind.Reserved),
        (IPNetwork.Parse("192.0.0.0/24"), WebhookAddressKind.Reserved),
        (IPNetwork.Parse("192.0.2.0/24"), WebhookAddressKind.Reserved),
        (IPNetwork.Parse("198.18.0.0/15"), WebhookAddressKind.Reserved),
        (IPNetwork.Parse("198.51.100.0/24"), WebhookAddressKind.Reserved),
        (IPNetwork.Parse("203.0.113.0/24"), WebhookAddressKind.Reserved),
        (IPNetwork.Parse("224.0.0.0/4"), WebhookAddressKind.Reserved),
        (IPNetwork.Parse("240.0.0.0/4"), WebhookAddressKind.Reserved),
        (IPNetwork.Parse("::/128"), WebhookAddressKind.Reserved),
        (IPNetwork.Parse("ff00::/8"), WebhookAddressKind.Reserved),
        (IPNetwork.Parse("2001:db8::/32"), WebhookAddressKind.Reserved),
    ];

    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");

    public static WebhookAddressKind Classify(IPAddress address)
    {
        // An IPv4 address written as IPv6 (::ffff:10.0.0.1, or through NAT64) reaches the IPv4 address.
        if (address.IsIPv4MappedToIPv6) return Classify(address.MapToIPv4());
        if (address.AddressFamily == AddressFamily.InterNetworkV6 && Nat64.Contains(address))
            return Classify(new IPAddress(address.GetAddressBytes()[12..]));
        foreach (var (network, kind) in Ranges)
            if (network.BaseAddress.AddressFamily == address.AddressFamily && network.Contains(address)) return kind;
        return WebhookAddressKind.Public;
    }

    public static string Describe(WebhookAddressKind kind) => kind switch
    {
        WebhookAddressKind.Loopback => "loopback",
        WebhookAddressKind.Private => "private",
        WebhookAddressKind.LinkLocal => "link-local",
        WebhookAddressKind.CloudMetadata => "cloud metadata",
        WebhookAddressKind.Reserved => "reserved",
        _ => "public",
    };
}
