using Microsoft.AspNetCore.Components;
using MudBlazor;
using Refunds.Core;
using Refunds.Core.Refunds;

namespace Refunds.Dashboard.Components.Pages.Refunds;

/// <summary>The words and colours operators see for each refund status, in the lifecycle's order.</summary>
public static class RefundStatusDisplay
{
    public static IReadOnlyList<RefundStatus> InLifecycleOrder { get; } =
    [
        RefundStatus.Created, RefundStatus.Approved, RefundStatus.PendingWithBank, RefundStatus.AcceptedByBank,
        RefundStatus.Failed, RefundStatus.Rejected, RefundStatus.Cancelled,
    ];

    public static string Label(RefundStatus status) => status switch
    {
        RefundStatus.Created => "Awaiting approval",
        RefundStatus.Approved => "Approved",
        RefundStatus.PendingWithBank => "With bank",
        RefundStatus.AcceptedByBank => "Completed",
        RefundStatus.Failed => "Failed",
        RefundStatus.Rejected => "Rejected",
        RefundStatus.Cancelled => "Cancelled",
        _ => status.ToString(),
    };

    public static Color Colour(RefundStatus status) => status switch
    {
        RefundStatus.Created => Color.Warning,
        RefundStatus.Approved => Color.Info,
        RefundStatus.PendingWithBank => Color.Primary,
        RefundStatus.AcceptedByBank => Color.Success,
        RefundStatus.Failed => Color.Error,
        RefundStatus.Rejected => Color.Error,
        _ => Color.Default,
    };

    /// <summary>
    /// A status as a small chip (its wire name as the title). Plain markup with MudBlazor's chip classes,
    /// not a <c>MudChip</c>: lists show one a row, and every component costs each operator's circuit its
    /// state and two render buffers for as long as the page is open (bench figure 6).
    /// </summary>
    public static RenderFragment Chip(RefundStatus status) => builder =>
    {
        var variant = status is RefundStatus.Rejected or RefundStatus.Cancelled ? "outlined" : "filled";
        builder.OpenElement(0, "div");
        builder.AddAttribute(1, "class",
            $"mud-chip mud-chip-{variant} mud-chip-size-small mud-chip-color-{Colour(status).ToString().ToLowerInvariant()} refund-status");
        builder.AddAttribute(2, "title", WireName.Of(status));
        builder.OpenElement(3, "span");
        builder.AddAttribute(4, "class", "mud-chip-content");
        builder.AddContent(5, Label(status));
        builder.CloseElement();
        builder.CloseElement();
    };
}
