using System.Net.Http.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Refunds.Bench;

/// <summary>
/// Figure 6: what one signed-in operator's Blazor circuit costs the server. One headless Chromium
/// opens tabs on the Refunds tab, each in its own browser context (its own cookies: one operator
/// each), signing in through the built-in provider's form; the app's managed heap after a forced
/// full collection (its <c>/diagnostics/memory</c>, switched on by <c>Diagnostics:MemoryEndpoint</c>)
/// is read before and after, and the difference divided by the tabs. One tab is opened and kept
/// open first, so one-time costs (compiled components, caches) fall before the first reading.
/// </summary>
public static class CircuitMemory
{
    // Operators take turns: the page differs a little by role (reviewers' bulk actions).
    private static readonly string[] Operators = ["initiator", "approver", "viewer"];

    public static async Task RunAsync(AppProcess app, Sizes sizes, Report report)
    {
        var (playwright, browser) = await BrowserLauncher.LaunchAsync();
        try
        {
            using var http = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };

            await OpenRefundsTabAsync(browser, app.BaseAddress, Operators[0]);
            var before = await ReadAsync(http);
            // A few at a time: sign-ins queue on the same two cores as the app.
            await Parallel.ForEachAsync(Enumerable.Range(0, sizes.Circuits), new ParallelOptions { MaxDegreeOfParallelism = 4 },
                async (n, _) => await OpenRefundsTabAsync(browser, app.BaseAddress, Operators[n % Operators.Length]));
            var after = await ReadAsync(http);

            const double MiB = 1024 * 1024;
            var managed = (after.ManagedBytes - before.ManagedBytes) / MiB / sizes.Circuits;
            var workingSet = (after.WorkingSetBytes - before.WorkingSetBytes) / MiB / sizes.Circuits;
            var conditions = $"{sizes.Circuits} signed-in tabs on the Refunds tab (initiator, approver, viewer in turn), one Chromium, a browser context each; " +
                $"managed heap after a forced full GC {before.ManagedBytes / MiB:0.#} → {after.ManagedBytes / MiB:0.#} MiB, one warm tab open before";
            report.Add(new Figure("6.managed", "Circuit memory: managed heap per circuit", managed, "MiB", "< 2 MiB", managed < 2, conditions));
            report.Add(Figure.Context("6.working_set", "Circuit memory: working set per circuit", workingSet, "MiB",
                $"process working set {before.WorkingSetBytes / MiB:0} → {after.WorkingSetBytes / MiB:0} MiB after the same collections; " +
                "includes native buffers and heap the runtime keeps for reuse, so it errs high"));
        }
        finally
        {
            await browser.DisposeAsync();
            playwright.Dispose();
        }
    }

    /// <summary>A fresh browser context (one operator), signed in and left on the Refunds tab with its grid shown.</summary>
    private static async Task OpenRefundsTabAsync(IBrowser browser, Uri baseAddress, string username)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseAddress.ToString() });
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/refunds");
        await page.GetByLabel("Username").FillAsync(username);
        await page.GetByLabel("Password").FillAsync("demo-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        // The layout marks itself once the circuit has rendered interactively; then wait for the grid's rows.
        await page.Locator("[data-interactive=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Open refund ") }).First.WaitForAsync();
    }

    private static async Task<Memory> ReadAsync(HttpClient http) =>
        await http.GetFromJsonAsync<Memory>("/diagnostics/memory") ?? throw new InvalidOperationException("/diagnostics/memory answered nothing.");

    private sealed record Memory(
        [property: JsonPropertyName("managed_bytes")] long ManagedBytes,
        [property: JsonPropertyName("working_set_bytes")] long WorkingSetBytes);
}
