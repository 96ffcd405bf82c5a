using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Refunds.Bench;

/// <summary>The app's REST API as an integration client: a bearer token from the built-in provider, real HTTP.</summary>
public sealed class Api : IDisposable
{
    private readonly HttpClient _http;

    private Api(HttpClient http, string token)
    {
        _http = http;
        Token = token;
    }

    public string Token { get; }

    public static async Task<Api> SignInAsync(Uri baseAddress, string clientId)
    {
        var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(2) };
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
        return new Api(http, token);
    }

    /// <summary>Sends one JSON request, fails unless it succeeds, and says how long it took.</summary>
    public async Task<(JsonNode Body, TimeSpan Elapsed)> SendAsync(HttpMethod method, string path, JsonNode? body = null)
    {
        using var request = new HttpRequestMessage(method, path)
        {
            Content = body is null ? null : new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        var clock = Stopwatch.StartNew();
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var elapsed = clock.Elapsed;
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{method} {path} answered {(int)response.StatusCode}: {text}");
        return (JsonNode.Parse(text)!, elapsed);
    }

    public void Dispose() => _http.Dispose();
}
