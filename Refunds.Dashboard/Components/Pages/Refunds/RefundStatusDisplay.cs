using MudBlazor;
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
}
