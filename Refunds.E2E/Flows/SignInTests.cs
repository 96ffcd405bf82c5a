using Microsoft.Playwright;
using Refunds.E2E.Harness;
using Refunds.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace Refunds.E2E.Flows;

public class SignInTests(E2EApp app) : IClassFixture<E2EApp>
{
    [Fact]
    public async Task An_initiator_signs_in_sees_name_and_role_and_signing_out_returns_to_the_sign_in_page()
    {
        var page = await app.NewPageAsync();

        await SignInPage.SignInAsync(page, "initiator");
        var appBar = new AppBar(page);
        await Expect(appBar.SignedInUser).ToContainTextAsync("Iman Initiator");
        await Expect(appBar.SignedInUser).ToContainTextAsync("Initiator");
        await E2EApp.ScreenshotAsync(page, "sign-in-initiator");
        await appBar.SignOutAsync();

        await Expect(new SignInPage(page).Heading).ToBeVisibleAsync();
        await E2EApp.ScreenshotAsync(page, "signed-out");
        Assert.True(app.CspViolations.Count == 0, string.Join("\n", app.CspViolations));
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_a_readable_message()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/");

        await new SignInPage(page).SubmitAsync("initiator", "not-the-password");

        await Expect(new SignInPage(page).Error).ToContainTextAsync("The username or password is not right");
        Assert.True(app.CspViolations.Count == 0, string.Join("\n", app.CspViolations));
    }
}
