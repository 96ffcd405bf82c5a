using Microsoft.EntityFrameworkCore;
using Refunds.Core.Persistence;
using Refunds.Dashboard.Tests.Support;

namespace Refunds.Dashboard.Tests.Core.Persistence;

public sealed class RefundsModelTests
{
    [Fact]
    public async Task Every_table_of_the_product_is_named_by_its_configuration_so_no_configuration_was_left_out_of_the_groups()
    {
        await using var engine = await EngineHarness.StartAsync();
        await using var db = await engine.NewContextAsync();

        // Without its configuration a table would be named after its entity (e.g. "Refunds").
        var tables = db.Model.GetEntityTypes()
            .Where(t => t.ClrType.Assembly == typeof(RefundsDbContext).Assembly && !t.IsOwned())
            .Select(t => t.GetTableName())
            .Order();

        Assert.Equal(["approval_policies", "audit_entries", "daily_figures", "data_protection_keys", "payments", "payout_file_contents", "payout_file_items", "payout_files", "payout_status_reports", "provider_keys", "rate_counters", "reason_codes", "refunds",
            "simulated_bank_accounts", "simulated_bank_payouts", "statement_imports", "statement_lines",
            "webhook_attempts", "webhook_deliveries", "webhook_endpoints", "webhook_events"], tables);
    }

    [Fact]
    public async Task The_payout_lease_is_kept_in_the_refunds_table_on_the_columns_it_always_had()
    {
        await using var engine = await EngineHarness.StartAsync();
        await using var db = await engine.NewContextAsync();

        var lease = db.Model.FindEntityType(typeof(global::Refunds.Core.Payouts.PayoutLease))!;

        Assert.Equal("refunds", lease.GetTableName());
        Assert.Equal(["PayoutLeaseOwner", "PayoutLeaseUntil"],
            lease.GetProperties().Where(p => !p.IsPrimaryKey()).Select(p => p.GetColumnName()).Order());
    }
}
