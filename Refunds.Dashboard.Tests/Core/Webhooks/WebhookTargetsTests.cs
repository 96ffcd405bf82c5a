using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Refunds.Core;
using Refunds.Core.Webhooks;
using Refunds.Dashboard.Tests.Support;

namespace Refunds.Dashboard.Tests.Core.Webhooks;

/// <summary>
/// Targets inside the network are refused at registration and again at connection, unless allowed. Only
/// loopback is ever tried: the receiver listens on 127.0.0.1, and must hear nothing.
/// </summary>
public sealed class WebhookTargetsTests : IAsyncLifetime
{
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task A_loopback_address_is_refused_at_registration()
    {
        var targets = Targets(insecure: true, privateTargets: false);

        var refused = await Assert.ThrowsAsync<RuleViolation>(() => targets.CheckAsync(_receiver.Url, CancellationToken.None));

        Assert.Equal(ErrorCode.InvalidWebhookUrl, refused.Code);
        Assert.Contains("127.0.0.1, a loopback address", refused.Message);
    }

    [Fact]
    public async Task A_name_that_resolves_to_loopback_is_refused_at_registration()
    {
        var targets = Targets(insecure: true, privateTargets: false);

        var refused = await Assert.ThrowsAsync<RuleViolation>(() => targets.CheckAsync(_receiver.UrlByName, CancellationToken.None));

        Assert.Equal(ErrorCode.InvalidWebhookUrl, refused.Code);
        Assert.Contains("localhost resolves to", refused.Message);
    }

    [Theory]
    [InlineData("http://127.0.0.1/hook", "must use https")]
    [InlineData("ftp://127.0.0.1/hook", "not an absolute http(s) URL")]
    [InlineData("/hook", "not an absolute http(s) URL")]
    [InlineData("https://user:secret@127.0.0.1/hook", "user name or password")]
    [InlineData("https://[::1]/hook", "loopback")]
    public async Task Urls_that_are_not_https_to_a_public_address_are_refused(string url, string why)
    {
        var refused = await Assert.ThrowsAsync<RuleViolation>(() => Targets(insecure: false, privateTargets: false).CheckAsync(url, CancellationToken.None));

        Assert.Contains(why, refused.Message);
    }

    [Fact]
    public async Task Loopback_over_http_is_accepted_when_the_settings_allow_it()
    {
        var uri = await Targets(insecure: true, privateTargets: true).CheckAsync(_receiver.UrlByName, CancellationToken.None);

        Assert.Equal(_receiver.UrlByName, uri.AbsoluteUri);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_connection_to_loopback_is_refused_when_sending_whatever_was_registered(bool byName)
    {
        var options = new FixedOptions(new WebhookOptions { AllowInsecureUrls = true, AllowPrivateTargets = false });
        using var sender = new WebhookSender(new WebhookTargets(options), options, new FakeTimeProvider());

        var response = await sender.SendAsync(byName ? _receiver.UrlByName : _receiver.Url, "msg_1", "{}", [WebhookSecret.New()], CancellationToken.None);

        Assert.Null(response.HttpStatus);
        Assert.StartsWith("Refused to connect to", response.Error);
        Assert.Empty(_receiver.Received);
    }

    [Fact]
    public async Task A_redirect_is_not_followed_and_counts_as_a_failed_attempt()
    {
        var options = new FixedOptions(new WebhookOptions { AllowInsecureUrls = true, AllowPrivateTargets = true });
        using var sender = new WebhookSender(new WebhookTargets(options), options, new FakeTimeProvider());
        _receiver.AnswerNext(307);

        var response = await sender.SendAsync(_receiver.Url, "msg_1", "{}", [WebhookSecret.New()], CancellationToken.None);

        Assert.Equal(307, response.HttpStatus);
        Assert.False(response.Succeeded);
        Assert.Single(_receiver.Received);
    }

    private static WebhookTargets Targets(bool insecure, bool privateTargets) =>
        new(new FixedOptions(new WebhookOptions { AllowInsecureUrls = insecure, AllowPrivateTargets = privateTargets }));

    private sealed class FixedOptions(WebhookOptions value) : IOptionsMonitor<WebhookOptions>
    {
        public WebhookOptions CurrentValue => value;

        public WebhookOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<WebhookOptions, string?> listener) => null;
    }
}
