namespace Refunds.Bench;

/// <summary>
/// Figure 3: a burst of approved refunds committed at once, drained by the running dispatcher
/// through the simulated bank (settlement delay 0) to a final status; then the bank's ledger is
/// checked for exactly one payout per refund.
/// </summary>
public static class MassPayout
{
    public static async Task RunAsync(Seeder seeder, Sizes sizes, Report report)
    {
        var ids = seeder.ApprovedRefunds(1, sizes.Payouts);
        var committed = DateTimeOffset.UtcNow;
        // Generous: the point is to measure a slow drain, not to give up on it.
        var deadline = committed + TimeSpan.FromSeconds(Math.Max(60, sizes.Payouts / 5));
        while (seeder.Scalar("SELECT count(*) FROM refunds WHERE Status IN ('APPROVED', 'PENDING_WITH_BANK')") > 0)
        {
            if (DateTimeOffset.UtcNow > deadline) throw new TimeoutException($"The dispatcher did not drain {ids.Count:N0} payouts by {deadline:T}.");
            await Task.Delay(100);
        }

        // The engine's own clock: the last of these refunds' final audit entries.
        var seeded = $"CreatedAt = (SELECT CreatedAt FROM refunds WHERE Id = '{ids[0].ToString().ToUpperInvariant()}')";
        var lastFinal = new DateTimeOffset(seeder.Scalar($"""
            SELECT max(a.At) FROM audit_entries a JOIN refunds r ON r.Id = a.RefundId
            WHERE r.{seeded} AND a."To" IN ('ACCEPTED_BY_BANK', 'FAILED')
            """), TimeSpan.Zero);
        var settled = seeder.Scalar($"SELECT count(*) FROM refunds WHERE {seeded} AND Status = 'ACCEPTED_BY_BANK'");
        var rate = ids.Count / (lastFinal - committed).TotalSeconds;
        report.Add(new Figure("3.rate", "Mass payout: final statuses per second", rate, "/s", "≥ 500 /s", rate >= 500 && settled == ids.Count,
            $"{ids.Count:N0} approved refunds committed at once; {settled:N0} ACCEPTED_BY_BANK, {ids.Count - settled:N0} FAILED; " +
            "from the commit to the last final audit entry; dispatcher defaults (poll 0.5 s, concurrency 8), bank settlement delay 0"));

        var paidOnce = seeder.Scalar($"""
            SELECT count(*) FROM refunds r JOIN simulated_bank_payouts b ON b.Reference = lower(r.Id)
            WHERE r.{seeded} AND b.ReceivedCount = 1
            """);
        var ledgerRows = seeder.Scalar($"SELECT count(*) FROM simulated_bank_payouts b JOIN refunds r ON b.Reference = lower(r.Id) WHERE r.{seeded}");
        report.Add(new Figure("3.exactly_once", "Mass payout: refunds in the bank's ledger exactly once", paidOnce, "refunds",
            $"= {ids.Count:N0}", paidOnce == ids.Count && ledgerRows == ids.Count,
            $"{ledgerRows:N0} ledger lines for {ids.Count:N0} refunds; a line received more than once would count against it"));
    }
}
