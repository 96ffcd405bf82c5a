using MudBlazor;

namespace Refunds.Dashboard.Components.Layout;

/// <summary>
/// MudBlazor's palette with darker status colours in light mode: the defaults (orange, bright green,
/// light blue) put white chip text below the 4.5:1 contrast WCAG asks for.
/// </summary>
public static class DashboardTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#3f51b5",
            Success = "#2e7d32",
            Info = "#01579b",
            Warning = "#a84300",
            Error = "#c62828",
            AppbarBackground = "#283593",
        },
    };
}
