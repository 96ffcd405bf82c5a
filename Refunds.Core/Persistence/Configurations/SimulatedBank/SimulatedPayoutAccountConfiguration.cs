using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Refunds.Core.Payouts.SimulatedBank;

namespace Refunds.Core.Persistence.Configurations.SimulatedBank;

internal sealed class SimulatedPayoutAccountConfiguration : IEntityTypeConfiguration<SimulatedPayoutAccount>
{
    public void Configure(EntityTypeBuilder<SimulatedPayoutAccount> account)
    {
        account.ToTable("simulated_bank_accounts");
        account.HasKey(a => a.Currency);
        account.Property(a => a.Currency).HasMaxLength(3);
        account.Property(a => a.Version).IsConcurrencyToken();
    }
}
