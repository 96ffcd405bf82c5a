using Microsoft.Playwright;

namespace Refunds.E2E.Pages;

/// <summary>The built-in identity provider's sign-in form.</summary>
public sealed class SignInPage(IPage page)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Name = "Sign in to Refunds" });

    public ILocator Error => page.GetByRole(AriaRole.Alert);

    /// <summary>Opens the dashboard and signs in through the provider's form; returns once the page it lands on is interactive.</summary>
    public static async Task<IPage> SignInAsync(IPage page, string username, string path = "/")
    {
        await page.GotoAsync(path);
        await new SignInPage(page).SubmitAsync(username, "demo-password");
        await Blazor.UntilInteractiveAsync(page);
        return page;
    }

    public async Task SubmitAsync(string username, string password)
    {
        await page.GetByLabel("Username").FillAsync(username);
        await page.GetByLabel("Password").FillAsync(password);
        // The password check is slow by design (PBKDF2) and three redirects follow: on a loaded test
        // machine that outlasts the default timeout.
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync(new() { Timeout = 45_000 });
    }
}
