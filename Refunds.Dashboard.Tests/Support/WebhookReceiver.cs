using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Refunds.Dashboard.Tests.Support;

/// <summary>
/// An integration's webhook endpoint on 127.0.0.1: records every message it is sent and answers with the
/// statuses it is told to, in turn (then <see cref="Otherwise"/>).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<int> _answers = new();

    /// <summary>An answer that never comes (until the sender gives up).</summary>
    public const int Hang = 0;

    private WebhookReceiver(WebApplication app) => _app = app;

    public ConcurrentQueue<ReceivedWebhook> Received { get; } = new();

    /// <summary>The receiver's URL, on 127.0.0.1.</summary>
    public string Url { get; private set; } = "";

    /// <summary>The same receiver by the name <c>localhost</c>.</summary>
    public string UrlByName => Url.Replace("127.0.0.1", "localhost", StringComparison.Ordinal);

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hook", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync();
            receiver.Received.Enqueue(new ReceivedWebhook(request.Headers["webhook-id"].ToString(), request.Headers["webhook-timestamp"].ToString(),
                request.Headers["webhook-signature"].ToString(), body));
            var status = receiver._answers.TryDequeue(out var next) ? next : receiver.Otherwise;
            if (status == Hang) await Task.Delay(Timeout.Infinite, request.HttpContext.RequestAborted);
            return Results.Text(receiver.AnswerText ?? $"answered {status}", statusCode: status);
        });
        await app.StartAsync();
        receiver.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single() + "/hook";
        return receiver;
    }

    /// <summary>The answer once those told by <see cref="AnswerNext"/> are used up.</summary>
    public int Otherwise { get; set; } = 200;

    /// <summary>The body of every answer; null: <c>answered &lt;status&gt;</c>.</summary>
    public string? AnswerText { get; set; }

    /// <summary>The next messages are answered with these statuses, in turn.</summary>
    public void AnswerNext(params int[] statuses)
    {
        foreach (var status in statuses) _answers.Enqueue(status);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

public sealed record ReceivedWebhook(string Id, string Timestamp, string Signature, string Body);
