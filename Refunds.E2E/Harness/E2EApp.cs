using Microsoft.Playwright;

namespace Refunds.E2E.Harness;

/// <summary>
/// One test class's world: the dashboard as a real process (fresh SQLite file, built-in identity
/// provider, a fast simulated bank) and a real headless Chromium. Pages opened through it fail
/// the test on any Content-Security-Policy violation.
/// </summary>
public class E2EApp : IAsyncLifetime
{
    private E2EBrowser? _browser;

    public DashboardProcess Dashboard { get; } = new()
    {
        Settings =
        {
            ["DemoData:Enabled"] = "false",
            ["Payouts:PollInterval"] = "00:00:00.200",
            ["SimulatedBank:SettlementDelay"] = "00:00:02",
        },
    };

    public Uri BaseAddress => Dashboard.BaseAddress;

    /// <summary>The same on the bank-file rail: approved refunds wait for a payout file, nothing goes to the simulated bank.</summary>
    public sealed class OnBankFileRail : E2EApp
    {
        public OnBankFileRail()
        {
            Dashboard.Settings["Payouts:Rail"] = "BankFile";
            Dashboard.Settings["BankFile:Debtor:Name"] = "Refunds Trading LLC";
            Dashboard.Settings["BankFile:Debtor:Iban"] = "AE180260001012345678901";
            Dashboard.Settings["BankFile:Debtor:Bic"] = "EBILAEAD";
        }
    }

    public IReadOnlyList<string> CspViolations => _browser!.CspViolations;

    public async Task InitializeAsync()
    {
        _browser = await E2EBrowser.LaunchAsync();
        await Dashboard.StartAsync();
    }

    /// <summary>A fresh browser profile (its own cookies): one person at one desk.</summary>
    public Task<IPage> NewPageAsync(int width = 1366, int height = 768) => _browser!.NewPageAsync(BaseAddress, width, height);

    /// <summary>Another tab beside <paramref name="page"/>: same browser profile, same signed-in person.</summary>
    public Task<IPage> NewTabAsync(IPage page) => _browser!.NewTabAsync(page);

    /// <summary>Saves what the page shows now under TestResults/screenshots, named after the test.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var folder = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "TestResults", "screenshots"));
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        await Dashboard.DisposeAsync();
    }
}
