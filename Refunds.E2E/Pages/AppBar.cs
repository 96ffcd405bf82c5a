using Microsoft.Playwright;

namespace Refunds.E2E.Pages;

/// <summary>The dashboard's app bar: who is signed in, in which role, and Sign out.</summary>
public sealed class AppBar(IPage page)
{
    public ILocator SignedInUser => page.GetByTestId("signed-in-user");

    public Task SignOutAsync() => page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
}
