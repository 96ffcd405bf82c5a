using System.Net;
using Refunds.Dashboard.Tests.Support;

namespace Refunds.Dashboard.Tests.Dashboard.Identity;

public class OperatorSignInTests(DashboardFactory app) : IClassFixture<DashboardFactory>
{
    [Fact]
    public async Task An_anonymous_page_request_is_sent_to_the_providers_authorize_endpoint()
    {
        var browser = new BrowserSession(app);

        var response = await browser.Http.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/connect/authorize", response.Headers.Location!.AbsolutePath);
        Assert.Equal("code", BrowserSession.QueryValue(response.Headers.Location, "response_type"));
        Assert.Equal("S256", BrowserSession.QueryValue(response.Headers.Location, "code_challenge_method"));
    }

    [Fact]
    public async Task The_providers_sign_in_page_is_a_labelled_form_that_says_it_is_the_demo_provider()
    {
        var browser = new BrowserSession(app);

        var page = await (await browser.FollowAsync(await browser.Http.GetAsync("/"))).Content.ReadAsStringAsync();

        Assert.Contains("<label for=\"username\">Username</label>", page);
        Assert.Contains("<label for=\"password\">Password</label>", page);
        Assert.Contains("<button type=\"submit\">Sign in</button>", page);
        Assert.Contains("built-in demo identity provider", page);
    }

    [Fact]
    public async Task An_initiator_signs_in_through_the_code_flow_and_the_page_names_them()
    {
        var browser = new BrowserSession(app);

        var response = await browser.SignInAsync("initiator");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("Iman Initiator", page);
        Assert.Contains("Initiator", page);
    }

    [Fact]
    public async Task A_wrong_password_shows_an_error_and_signs_nobody_in()
    {
        var browser = new BrowserSession(app);

        var response = await browser.SignInAsync("initiator", "wrong-password");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("The username or password is not right", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await browser.Http.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Signing_out_ends_the_session_and_the_providers_session()
    {
        var browser = new BrowserSession(app);
        var home = await browser.SignInAsync("approver");
        var fields = BrowserSession.HiddenFields(await home.Content.ReadAsStringAsync());

        Assert.Contains("Adam Approver", await home.Content.ReadAsStringAsync());

        var signedOut = await browser.FollowAsync(await browser.Http.PostAsync("/authentication/logout", new FormUrlEncodedContent(fields)));

        // Back at the provider's sign-in form: neither the dashboard nor the provider remembers the user.
        Assert.Contains("Sign in to Refunds", await signedOut.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("https://evil.example/steal")]
    [InlineData("//evil.example/steal")]
    [InlineData("/\\evil.example")]
    public async Task The_sign_in_form_never_sends_the_user_off_site(string returnUrl)
    {
        var browser = new BrowserSession(app);

        var page = await (await browser.Http.GetAsync($"/identity/login?returnUrl={Uri.EscapeDataString(returnUrl)}")).Content.ReadAsStringAsync();

        Assert.Equal("/", BrowserSession.HiddenFields(page)["returnUrl"]);
    }
}
