using Refunds.Dashboard.Tests.Support;

namespace Refunds.Dashboard.Tests.Dashboard.Hardening;

public class SecurityHeadersTests(DashboardFactory app) : IClassFixture<DashboardFactory>
{
    [Theory]
    [InlineData("/identity/login")]
    [InlineData("/payouts/refunds/reasons")]
    [InlineData("/health")]
    public async Task Pages_and_api_responses_carry_the_security_headers(string path)
    {
        var response = await app.CreateClient().GetAsync(path);

        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("form-action 'self'", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.DoesNotContain("script-src 'self' 'unsafe-inline'", csp);
        Assert.Equal("nosniff", string.Join("", response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("strict-origin-when-cross-origin", string.Join("", response.Headers.GetValues("Referrer-Policy")));
    }

    [Fact]
    public async Task A_signed_in_page_has_the_csp_too_and_the_session_cookie_is_http_only_and_lax()
    {
        var browser = new BrowserSession(app);

        var home = await browser.SignInAsync("viewer");

        Assert.Contains("script-src 'self'", string.Join(";", home.Headers.GetValues("Content-Security-Policy")));
        var session = browser.Cookies(new Uri("http://localhost/")).Single(c => c.Name.StartsWith("refunds.session"));
        Assert.True(session.HttpOnly);
    }
}
