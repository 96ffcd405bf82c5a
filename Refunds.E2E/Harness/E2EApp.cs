using Microsoft.Playwright;

namespace Refunds.E2E.Harness;

/// <summary>
/// One test class's world: the dashboard as a real process (fresh SQLite file, built-in identity
/// provider, a fast simulated bank) and a real headless Chromium. Pages opened through it fail
/// the test on any Content-Security-Policy violation.
/// </summary>
public sealed class E2EApp : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private readonly List<string> _cspViolations = [];

    public DashboardProcess Dashboard { get; } = new()
    {
        Settings =
        {
            ["DemoData:Enabled"] = "false",
            ["Payouts:PollInterval"] = "00:00:00.200",
            ["SimulatedBank:SettlementDelay"] = "00:00:02",
        },
    };

    public IBrowser Browser { get; private set; } = null!;

    public Uri BaseAddress => Dashboard.BaseAddress;

    public IReadOnlyList<string> CspViolations
    {
        get
        {
            lock (_cspViolations) return [.. _cspViolations];
        }
    }

    public async Task InitializeAsync()
    {
        (_playwright, Browser) = await BrowserLauncher.LaunchAsync();
        await Dashboard.StartAsync();
    }

    /// <summary>A fresh browser profile (its own cookies): one person at one desk.</summary>
    public async Task<IPage> NewPageAsync(int width = 1366, int height = 768)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
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

    /// <summary>Saves what the page shows now under TestResults/screenshots, named after the test.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var folder = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "TestResults", "screenshots"));
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        await Dashboard.DisposeAsync();
    }
}
