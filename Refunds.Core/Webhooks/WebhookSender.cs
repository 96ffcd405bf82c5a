using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Options;

namespace Refunds.Core.Webhooks;

/// <summary>
/// Sends one signed message over HTTP. Redirects are not followed (a redirect is an answer other than
/// 2xx), no proxy is used, and every connection goes only to addresses <see cref="WebhookTargets"/>
/// allows at the moment it is made.
/// </summary>
public sealed class WebhookSender : IDisposable
{
    private readonly HttpClient _http;
    private readonly WebhookTargets _targets;
    private readonly IOptionsMonitor<WebhookOptions> _options;
    private readonly TimeProvider _clock;

    public WebhookSender(WebhookTargets targets, IOptionsMonitor<WebhookOptions> options, TimeProvider clock)
    {
        _targets = targets;
        _options = options;
        _clock = clock;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            // Connections are pooled, but not for long: a name's addresses are looked up (and checked) again.
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
            ConnectCallback = ConnectAsync,
        };
        _http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public async Task<WebhookResponse> SendAsync(string url, string webhookId, string body, IReadOnlyList<string> secrets,
        CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var at = _clock.GetUtcNow();
        var timestamp = at.ToUnixTimeSeconds();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.CurrentValue.Timeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.Add(WebhookSignature.IdHeader, webhookId);
            request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
            request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Of(webhookId, timestamp, body, secrets));
            request.Headers.UserAgent.Add(new ProductInfoHeaderValue("Refunds-Webhooks", "1.0"));
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var excerpt = await ExcerptAsync(response.Content, timeout.Token);
            var status = (int)response.StatusCode;
            return new WebhookResponse(at, status, Stopwatch.GetElapsedTime(started),
                status is >= 200 and < 300 ? null : $"HTTP {status} {response.ReasonPhrase}".TrimEnd(), excerpt);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new WebhookResponse(at, null, Stopwatch.GetElapsedTime(started),
                $"No answer within {_options.CurrentValue.Timeout.TotalSeconds:0.###} s.", null);
        }
        catch (HttpRequestException ex)
        {
            return new WebhookResponse(at, null, Stopwatch.GetElapsedTime(started), Describe(ex), null);
        }
    }

    public void Dispose() => _http.Dispose();

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var addresses = await _targets.AddressesToConnectAsync(context.DnsEndPoint.Host, cancellationToken);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses.ToArray(), context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    // The start of the body only: an endpoint answering with megabytes costs us no more than this.
    private static async Task<string?> ExcerptAsync(HttpContent content, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[WebhookAttempt.ResponseExcerptBytes];
        var read = 0;
        while (read < buffer.Length && await stream.ReadAsync(buffer.AsMemory(read), cancellationToken) is var n and > 0) read += n;
        return read == 0 ? null : Encoding.UTF8.GetString(buffer, 0, read);
    }

    private static string Describe(HttpRequestException ex)
    {
        for (Exception? inner = ex; inner is not null; inner = inner.InnerException)
            if (inner is WebhookTargetRefusedException refused) return refused.Message;
        return ex.InnerException is { } cause ? $"{ex.Message} ({cause.Message})" : ex.Message;
    }
}
