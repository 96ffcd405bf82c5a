using Refunds.Dashboard.Identity.BuiltInProvider;
using Refunds.Dashboard.Tests.Support;

namespace Refunds.Dashboard.Tests.Dashboard.Hardening;

public class SignInLockoutTests(DashboardFactory app) : IClassFixture<DashboardFactory>
{
    [Fact]
    public async Task Five_failed_sign_ins_lock_the_username_even_for_the_right_password()
    {
        for (var i = 0; i < 5; i++) await new BrowserSession(app).SignInAsync("approver2", "wrong");

        var withRightPassword = await new BrowserSession(app).SignInAsync("approver2");

        Assert.Contains(ProviderEndpoints.SignInRefused, System.Net.WebUtility.HtmlDecode(await withRightPassword.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task A_wrong_username_and_a_wrong_password_get_the_same_answer()
    {
        var unknownUser = await new BrowserSession(app).SignInAsync("nobody-here", "wrong");
        var wrongPassword = await new BrowserSession(app).SignInAsync("viewer", "wrong");

        Assert.Equal(unknownUser.StatusCode, wrongPassword.StatusCode);
        Assert.Equal(ErrorOf(await unknownUser.Content.ReadAsStringAsync()), ErrorOf(await wrongPassword.Content.ReadAsStringAsync()));
    }

    private static string ErrorOf(string page) =>
        System.Text.RegularExpressions.Regex.Match(page, "<p id=\"login-error\"[^>]*>([^<]*)</p>").Groups[1].Value;
}

public class PasswordHashTests
{
    [Fact]
    public void A_hash_verifies_its_password_and_no_other()
    {
        var hash = PasswordHash.Create("demo-password");

        Assert.StartsWith("PBKDF2$SHA256$", hash);
        Assert.True(PasswordHash.Verify("demo-password", hash));
        Assert.False(PasswordHash.Verify("demo-passwore", hash));
    }

    [Fact]
    public void Two_hashes_of_one_password_differ_by_their_salt() =>
        Assert.NotEqual(PasswordHash.Create("same"), PasswordHash.Create("same"));

    [Theory]
    [InlineData("demo-password")]
    [InlineData("PBKDF2$SHA256$x$y$z")]
    [InlineData("PBKDF2$SHA256$1000$!!$!!")]
    public void A_malformed_hash_never_matches(string hash) => Assert.False(PasswordHash.Verify("demo-password", hash));
}
