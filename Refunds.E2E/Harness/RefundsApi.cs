using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Refunds.E2E.Harness;

/// <summary>
/// The running app's REST API as an integration client sees it: a real token, real HTTP. Shared by the
/// end-to-end tests and the benchmark driver (bench/ compiles this file in).
/// </summary>
public sealed class RefundsApi : IDisposable
{
    private readonly HttpClient _http;

    private RefundsApi(HttpClient http, string accessToken)
    {
        _http = http;
        AccessToken = accessToken;
    }

    /// <summary>The client's bearer token, e.g. for a hub connection.</summary>
    public string AccessToken { get; }

    /// <summary>A client credentials token for <paramref name="clientId"/> (the demo clients' secret is the id + "-secret").</summary>
    public static async Task<RefundsApi> SignInAsync(Uri baseAddress, string clientId, TimeSpan? requestTimeout = null)
    {
        var http = new HttpClient { BaseAddress = baseAddress, Timeout = requestTimeout ?? TimeSpan.FromSeconds(30) };
        var response = await http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = clientId + "-secret",
        }));
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"No token for {clientId}: {body}");
        var token = JsonNode.Parse(body)!["access_token"]!.GetValue<string>();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new RefundsApi(http, token);
    }

    /// <summary>Sends one JSON request and fails unless it succeeds.</summary>
    public async Task<JsonNode> SendAsync(HttpMethod method, string path, object? body = null) =>
        (await TimedSendAsync(method, path, body)).Body;

    /// <summary>Sends one JSON request, fails unless it succeeds, and says how long it took, the answer read whole.</summary>
    public async Task<(JsonNode Body, TimeSpan Elapsed)> TimedSendAsync(HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        var clock = Stopwatch.StartNew();
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var elapsed = clock.Elapsed;
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{method} {path} answered {(int)response.StatusCode}: {text}");
        return (JsonNode.Parse(text)!, elapsed);
    }

    public Task<JsonNode> GetAsync(string path) => SendAsync(HttpMethod.Get, path);

    /// <summary>Sends a request that may be refused: the status code and the body, whatever they are.</summary>
    public async Task<(HttpStatusCode Status, string Body)> TryAsync(HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        using var response = await _http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// Records a payment of <paramref name="amount"/> (AED unless told otherwise) with its own merchant reference (so a test can
    /// search for it alone) and, when asked, marks it reconciled. Needs a client with payments:write.
    /// </summary>
    public async Task<SeededPayment> SeedPaymentAsync(decimal amount, bool reconciled, string payer = "Ahmed Haddad", string currency = "AED")
    {
        var payment = new SeededPayment(Guid.NewGuid(), $"E2E-{Guid.NewGuid():N}"[..16].ToUpperInvariant(), amount);
        await SendAsync(HttpMethod.Post, "/payments", new
        {
            payment_id = payment.Id, amount, currency, merchant_reference = payment.Reference,
            payer = new { name = payer, iban = "AE070331234567890123456", city = "Dubai" },
        });
        if (reconciled)
            await SendAsync(HttpMethod.Post, $"/payments/{payment.Id}/reconciliation", new { statement_reference = $"STMT-{payment.Reference}" });
        return payment;
    }

    public void Dispose() => _http.Dispose();
}

/// <summary>A payment a test recorded for itself: its id, its unique merchant reference, its amount in AED.</summary>
public sealed record SeededPayment(Guid Id, string Reference, decimal Amount);
