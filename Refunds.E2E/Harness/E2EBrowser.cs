using Microsoft.Playwright;

namespace Refunds.E2E.Harness;

/// <summary>
/// A real headless Chromium for one test class. Every page opened through it fails the test on any
/// Content-Security-Policy violation (the tests assert <see cref="CspViolations"/> is empty).
/// </summary>
public sealed class E2EBrowser : IAsyncDisposable
{
    private readonly IPlaywright _playwright;
    private readonly List<string> _cspViolations = [];

    private E2EBrowser(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        Browser = browser;
    }

    public IBrowser Browser { get; }

    public IReadOnlyList<string> CspViolations
    {
        get
        {
            lock (_cspViolations) return [.. _cspViolations];
        }
    }

    public static async Task<E2EBrowser> LaunchAsync()
    {
        // Assertions wait as long as actions do: test classes run side by side on two cores, and a
        // Blazor render that queues behind another class's app start can take more than the default 5 s.
        Assertions.SetDefaultExpectTimeout(15_000);
        var (playwright, browser) = await BrowserLauncher.LaunchAsync();
        return new E2EBrowser(playwright, browser);
    }

    /// <summary>A fresh browser profile (its own cookies) on <paramref name="baseAddress"/>: one person at one desk.</summary>
    public async Task<IPage> NewPageAsync(Uri baseAddress, int width = 1366, int height = 768)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        context.SetDefaultTimeout(15_000);
        return Watch(await context.NewPageAsync());
    }

    /// <summary>Another tab beside <paramref name="page"/>: same browser profile, same signed-in person.</summary>
    public async Task<IPage> NewTabAsync(IPage page) => Watch(await page.Context.NewPageAsync());

    private IPage Watch(IPage page)
    {
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
                lock (_cspViolations) _cspViolations.Add($"{page.Url}: {message.Text}");
        };
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
    }
}
