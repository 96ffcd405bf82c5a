namespace Refunds.Core.Payouts;

/// <summary>
/// One payout dispatcher instance's claim on a refund: until it runs out, no other instance talks to the
/// bank about the refund or records what the bank said. A refund nobody is working on has none.
/// </summary>
public sealed class PayoutLease
{
    internal PayoutLease(string owner, DateTimeOffset until)
    {
        Owner = owner;
        Until = until;
    }

    /// <summary>The dispatcher instance holding the lease (<see cref="PayoutDispatcher.Owner"/>).</summary>
    public string Owner { get; private set; }

    public DateTimeOffset Until { get; private set; }

    internal bool IsHeldBy(string owner, DateTimeOffset now) => Owner == owner && Until > now;
}
