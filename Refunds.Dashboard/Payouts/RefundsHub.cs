using Microsoft.AspNetCore.SignalR;
using Refunds.Core;
using Refunds.Core.Refunds;

namespace Refunds.Dashboard.Payouts;

/// <summary>
/// <c>/hubs/refunds</c>: pushes <c>RefundStatusChanged</c> to signed-in operators and to integrations
/// holding <c>refunds:read</c>. Clients only listen; every change goes through the engine.
/// </summary>
public sealed class RefundsHub : Hub
{
    public const string Path = "/hubs/refunds";
    public const string StatusChanged = "RefundStatusChanged";
}

/// <summary>
/// The event as clients receive it. A change that recorded an approval carries it in <see cref="Approval"/>;
/// one that left the refund awaiting more approvals has status and previous status both CREATED.
/// </summary>
public sealed record RefundStatusChangedMessage(Guid RefundId, Guid PaymentId, string Status, string? PreviousStatus, DateTimeOffset At, string? FailureReason,
    RecordedApprovalMessage? Approval = null)
{
    public static RefundStatusChangedMessage Of(RefundStatusChanged change) => new(change.RefundId, change.PaymentId, WireName.Of(change.Status),
        change.PreviousStatus is { } previous ? WireName.Of(previous) : null, change.At, change.FailureReason,
        change.Approval is { } approval ? new RecordedApprovalMessage(approval.Number, approval.By, approval.At, approval.Note) : null);
}

/// <summary>The approval an event reports: the how-manieth, by whom, when, with what note.</summary>
public sealed record RecordedApprovalMessage(int Number, string By, DateTimeOffset At, string? Note);

/// <summary>
/// Forwards every status change this instance committed to the hub's clients. Only this instance's: with
/// several instances, the Redis backplane carries each broadcast to every instance's clients, so sending
/// the changes other instances committed as well would reach each client twice.
/// </summary>
internal sealed class RefundsHubBridge(RefundStatusNotifier notifier, IHubContext<RefundsHub> hub) : IHostedService
{
    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = notifier.SubscribeToLocalCommits(change => hub.Clients.All.SendAsync(RefundsHub.StatusChanged, RefundStatusChangedMessage.Of(change)));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }
}
