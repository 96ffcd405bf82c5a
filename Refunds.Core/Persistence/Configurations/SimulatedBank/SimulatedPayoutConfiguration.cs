using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Refunds.Core.Payouts;
using Refunds.Core.Payouts.SimulatedBank;

namespace Refunds.Core.Persistence.Configurations.SimulatedBank;

internal sealed class SimulatedPayoutConfiguration : IEntityTypeConfiguration<SimulatedPayout>
{
    public void Configure(EntityTypeBuilder<SimulatedPayout> payout)
    {
        payout.ToTable("simulated_bank_payouts");
        // The bank's duplicate check: one row per reference, whoever sends it and however often.
        payout.HasKey(p => p.Reference);
        payout.Property(p => p.Reference).HasMaxLength(64);
        payout.Property(p => p.BankReference).HasMaxLength(64).IsRequired();
        payout.Property(p => p.Currency).HasMaxLength(3).IsRequired();
        payout.Property(p => p.BeneficiaryName).HasMaxLength(140).IsRequired();
        payout.Property(p => p.BeneficiaryIban).HasMaxLength(34).IsRequired();
        payout.Property(p => p.State).HasConversion(new WireNameConverter<PayoutState>()).HasMaxLength(16);
        payout.Property(p => p.FailureReason).HasMaxLength(200);
        payout.Property(p => p.Version).IsConcurrencyToken();
        payout.HasIndex(p => p.ReceivedAt);
    }
}
