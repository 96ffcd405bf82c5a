using MudBlazor;

namespace Refunds.Dashboard.Components.Layout;

/// <summary>
/// MudBlazor's palettes with status colours and chip text that keep the 4.5:1 contrast WCAG asks for:
/// the light defaults (orange, bright green, light blue) are too pale under white text.
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
        // The dark palette's status colours are light: dark text on them reads, white does not.
        PaletteDark = new PaletteDark
        {
            SuccessContrastText = "rgba(0,0,0,0.87)",
            InfoContrastText = "rgba(0,0,0,0.87)",
            WarningContrastText = "rgba(0,0,0,0.87)",
            ErrorContrastText = "rgba(0,0,0,0.87)",
        },
    };
}
