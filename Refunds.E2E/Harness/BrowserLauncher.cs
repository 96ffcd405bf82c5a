using Microsoft.Playwright;

namespace Refunds.E2E.Harness;

/// <summary>
/// Finds and starts a real Chromium: the one named by REFUNDS_E2E_CHROMIUM, else Debian's
/// /usr/bin/chromium, else Playwright's own download. Without any, the tests fail and say how to
/// get one — they never pass without a browser.
/// </summary>
public static class BrowserLauncher
{
    public const string ExecutableVariable = "REFUNDS_E2E_CHROMIUM";
    private const string DebianChromium = "/usr/bin/chromium";

    // Flags for a sandboxed CI machine with no network beyond package registries.
    private static readonly string[] Flags =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"];

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        var executable = Environment.GetEnvironmentVariable(ExecutableVariable) is { Length: > 0 } configured ? configured
            : File.Exists(DebianChromium) ? DebianChromium
            : null;
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = executable, Headless = true, Args = Flags });
            return (playwright, browser);
        }
        catch (PlaywrightException ex)
        {
            playwright.Dispose();
            throw new InvalidOperationException(
                $"No Chromium could be started ({(executable ?? "Playwright's own browser")}): {ex.Message.Split('\n')[0]}\n" +
                $"Install one: on Debian `apt-get install -y chromium` (the README's test command does this when run as root), " +
                $"or point {ExecutableVariable} at a Chromium or Chrome executable, or run Playwright's `install chromium`.", ex);
        }
    }
}
