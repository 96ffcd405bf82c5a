using System.ComponentModel.DataAnnotations;

namespace Refunds.Core;

/// <summary>The engine's settings (section <c>Refunds</c>).</summary>
public sealed class RefundsOptions
{
    public const string Section = "Refunds";

    /// <summary>
    /// Whether the business payout account is set up. When false every new refund is refused with
    /// OPERATION_NOT_ALLOWED, as Lean does.
    /// </summary>
    public bool PayoutsConfigured { get; set; } = true;

    /// <summary>
    /// Integration client ids allowed to approve their own refunds (or create them already approved).
    /// Empty by default: four eyes on every refund. People can never self-approve.
    /// </summary>
    public string[] SelfApprovalClients { get; set; } = [];

    /// <summary>The most items one create, decide or ingest request may carry.</summary>
    [Range(1, InputLimits.MaxBatchSize)]
    public int MaxBatchSize { get; set; } = InputLimits.DefaultBatchSize;

    /// <summary>How often a unit of work is retried after losing a race to a concurrent one.</summary>
    [Range(1, 1000)]
    public int MaxConcurrencyRetries { get; set; } = 100;
}
