using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;

namespace Refunds.E2E.Harness;

/// <summary>
/// An integration's webhook endpoint on 127.0.0.1 (HttpListener): keeps every message's <c>webhook-id</c>,
/// type and refund, and answers 200 after <see cref="AnswerAfter"/>. Shared by the end-to-end tests and the
/// benchmark driver.
/// </summary>
public sealed class WebhookListener : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;

    public WebhookListener(TimeSpan answerAfter = default)
    {
        AnswerAfter = answerAfter;
        var address = AppProcess.FreeLoopbackAddress();
        Url = $"{address}hook/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _loop = Task.Run(ListenAsync);
    }

    public string Url { get; }

    public TimeSpan AnswerAfter { get; }

    public ConcurrentQueue<ListenedWebhook> Received { get; } = new();

    public void Dispose()
    {
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // Closed while answering.
        }
    }

    private async Task ListenAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        try
        {
            using var reader = new StreamReader(context.Request.InputStream);
            var body = JsonNode.Parse(await reader.ReadToEndAsync())!;
            var arrivedAt = DateTimeOffset.UtcNow;
            if (AnswerAfter > TimeSpan.Zero) await Task.Delay(AnswerAfter);
            Received.Enqueue(new ListenedWebhook(context.Request.Headers["webhook-id"]!, body["type"]!.GetValue<string>(),
                body["data"]!["refund_id"]!.GetValue<Guid>(), DateTimeOffset.Parse(body["timestamp"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture), arrivedAt));
            context.Response.StatusCode = 200;
            context.Response.Close();
        }
        catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or IOException)
        {
            // The sender went away (killed) or the listener closed.
        }
    }
}

/// <summary>One message as it arrived: its id, type and refund, when the change happened (its body's timestamp) and when it arrived.</summary>
public sealed record ListenedWebhook(string Id, string Type, Guid RefundId, DateTimeOffset OccurredAt, DateTimeOffset ArrivedAt);
