using System.Diagnostics;
using System.Diagnostics.Metrics;
using Refunds.Core.Refunds;

namespace Refunds.Core;

/// <summary>
/// The engine's traces and metrics (OpenTelemetry picks them up by name): refunds created,
/// decided, settled and failed; the payout queue's depth; how long approved refunds take to pay.
/// </summary>
public static class RefundsTelemetry
{
    public const string Name = "Refunds.Core";

    public static readonly ActivitySource Activities = new(Name);

    private static readonly Meter Meter = new(Name);
    private static readonly Counter<long> Created = Meter.CreateCounter<long>("refunds.created", description: "Refunds created");
    private static readonly Counter<long> Decided = Meter.CreateCounter<long>("refunds.decided", description: "Refunds approved or rejected (tag: decision)");
    private static readonly Counter<long> Settled = Meter.CreateCounter<long>("refunds.settled", description: "Refunds paid out by the bank");
    private static readonly Counter<long> Failed = Meter.CreateCounter<long>("refunds.failed", description: "Refunds the bank failed or that could not reach it");
    private static readonly Histogram<double> PayoutLatency = Meter.CreateHistogram<double>("refunds.payout.latency", "s", "From approval to the bank's final answer");
    private static long _queueDepth;

    static RefundsTelemetry() =>
        Meter.CreateObservableGauge("refunds.payout.queue_depth", () => Interlocked.Read(ref _queueDepth), description: "Approved refunds not yet finally answered by the bank");

    internal static void Record(RefundStatusChanged change)
    {
        // An approval that leaves the refund awaiting more is no decision yet.
        if (!change.IsStatusChange) return;
        switch (change.Status)
        {
            case RefundStatus.Created: Created.Add(1); break;
            case RefundStatus.Approved or RefundStatus.Rejected: Decided.Add(1, new KeyValuePair<string, object?>("decision", WireName.Of(change.Status))); break;
            case RefundStatus.AcceptedByBank: Settled.Add(1); break;
            case RefundStatus.Failed: Failed.Add(1); break;
        }
    }

    internal static void RecordPayoutLatency(TimeSpan sinceApproval) => PayoutLatency.Record(sinceApproval.TotalSeconds);

    internal static void RecordQueueDepth(long depth) => Interlocked.Exchange(ref _queueDepth, depth);
}
