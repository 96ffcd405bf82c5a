using System.Net;
using Refunds.Core.Webhooks;

namespace Refunds.Dashboard.Tests.Core.Webhooks;

/// <summary>The classifier alone, on literal addresses: nothing here connects anywhere.</summary>
public sealed class WebhookAddressesTests
{
    [Theory]
    [InlineData("127.0.0.1", WebhookAddressKind.Loopback)]
    [InlineData("127.255.0.9", WebhookAddressKind.Loopback)]
    [InlineData("::1", WebhookAddressKind.Loopback)]
    [InlineData("::ffff:127.0.0.1", WebhookAddressKind.Loopback)]
    [InlineData("10.1.2.3", WebhookAddressKind.Private)]
    [InlineData("172.16.0.1", WebhookAddressKind.Private)]
    [InlineData("172.31.255.254", WebhookAddressKind.Private)]
    [InlineData("192.168.1.1", WebhookAddressKind.Private)]
    [InlineData("100.64.0.1", WebhookAddressKind.Private)]
    [InlineData("fd12:3456::1", WebhookAddressKind.Private)]
    [InlineData("::ffff:10.0.0.1", WebhookAddressKind.Private)]
    [InlineData("64:ff9b::a00:1", WebhookAddressKind.Private)]
    [InlineData("169.254.1.1", WebhookAddressKind.LinkLocal)]
    [InlineData("fe80::1", WebhookAddressKind.LinkLocal)]
    [InlineData("169.254.169.254", WebhookAddressKind.CloudMetadata)]
    [InlineData("100.100.100.200", WebhookAddressKind.CloudMetadata)]
    [InlineData("fd00:ec2::254", WebhookAddressKind.CloudMetadata)]
    [InlineData("0.0.0.0", WebhookAddressKind.Reserved)]
    [InlineData("::", WebhookAddressKind.Reserved)]
    [InlineData("224.0.0.1", WebhookAddressKind.Reserved)]
    [InlineData("255.255.255.255", WebhookAddressKind.Reserved)]
    [InlineData("198.18.0.1", WebhookAddressKind.Reserved)]
    [InlineData("ff02::1", WebhookAddressKind.Reserved)]
    public void Addresses_inside_the_network_are_told_apart_from_public_ones(string address, WebhookAddressKind kind)
    {
        Assert.Equal(kind, WebhookAddresses.Classify(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("93.184.216.34")]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("::ffff:8.8.8.8")]
    public void Public_addresses_are_public(string address)
    {
        Assert.Equal(WebhookAddressKind.Public, WebhookAddresses.Classify(IPAddress.Parse(address)));
    }
}
