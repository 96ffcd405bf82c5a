using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;

namespace Refunds.Dashboard.Tests.Support;

/// <summary>
/// A cookie-keeping HTTP client that walks the OpenID Connect code flow like a browser: page →
/// authorize → the provider's sign-in form → redirect back to the dashboard with the code.
/// </summary>
public sealed partial class BrowserSession
{
    private readonly CookieContainer _cookies = new();

    public BrowserSession(DashboardFactory factory)
    {
        // Our own cookie container, so a test can carry the session cookie elsewhere (a restarted app).
        Http = factory.CreateDefaultClient(new CookieHandler(_cookies));
    }

    public HttpClient Http { get; }

    public IEnumerable<Cookie> Cookies(Uri site) => _cookies.GetCookies(site);

    /// <summary>Signs in through the provider's form; returns the final response of the flow.</summary>
    public async Task<HttpResponseMessage> SignInAsync(string username, string password = "demo-password", string page = "/")
    {
        var response = await FollowAsync(await Http.GetAsync(page));
        var form = await response.Content.ReadAsStringAsync();
        Assert.Contains("Sign in to Refunds", form);
        var fields = HiddenFields(form);
        fields["username"] = username;
        fields["password"] = password;
        response = await Http.PostAsync(FormAction(form), new FormUrlEncodedContent(fields));
        // Signed in: the provider redirects back to /signin-oidc with the code, and on to the page.
        return await FollowAsync(response);
    }

    public async Task<HttpResponseMessage> FollowAsync(HttpResponseMessage response)
    {
        for (var hops = 0; response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther && hops < 10; hops++)
            response = await Http.GetAsync(response.Headers.Location);
        return response;
    }

    public static string FormAction(string html) => WebUtility.HtmlDecode(ActionPattern().Match(html).Groups[1].Value);

    public static Dictionary<string, string> HiddenFields(string html) =>
        HiddenPattern().Matches(html).ToDictionary(m => WebUtility.HtmlDecode(m.Groups[1].Value), m => WebUtility.HtmlDecode(m.Groups[2].Value));

    public static string QueryValue(Uri location, string name) => QueryHelpers.ParseQuery(location.Query)[name].ToString();

    /// <summary>Keeps cookies like a browser; redirects are left for the test to follow.</summary>
    private sealed class CookieHandler(CookieContainer cookies) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var uri = request.RequestUri!;
            var header = cookies.GetCookieHeader(uri);
            if (header.Length > 0) request.Headers.Add("Cookie", header);
            var response = await base.SendAsync(request, cancellationToken);
            if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
                foreach (var setCookie in setCookies) cookies.SetCookies(uri, setCookie);
            return response;
        }
    }

    [GeneratedRegex("<form[^>]*action=\"([^\"]+)\"")]
    private static partial Regex ActionPattern();

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"")]
    private static partial Regex HiddenPattern();
}
