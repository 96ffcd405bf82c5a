using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Refunds.Core.Approvals;

namespace Refunds.Core.Persistence.Configurations.Engine;

internal sealed class ApprovalPolicyConfiguration : IEntityTypeConfiguration<ApprovalPolicy>
{
    public void Configure(EntityTypeBuilder<ApprovalPolicy> policy)
    {
        policy.ToTable("approval_policies");
        // The version is the key: two proposals made at once cannot both take the next number.
        policy.HasKey(p => p.Version);
        policy.Property(p => p.Version).ValueGeneratedNever();
        policy.Property(p => p.Status).HasConversion(new WireNameConverter<ApprovalPolicyStatus>()).HasMaxLength(16);
        policy.Property(p => p.ProposedBy).HasMaxLength(128).IsRequired();
        policy.Property(p => p.ProposedByName).HasMaxLength(200).IsRequired();
        policy.Property(p => p.DecidedBy).HasMaxLength(128);
        policy.Property(p => p.DecidedByName).HasMaxLength(200);
        policy.Property(p => p.Revision).IsConcurrencyToken();
        policy.OwnsMany(p => p.Tiers, tier =>
        {
            tier.ToTable("approval_policy_tiers");
            tier.WithOwner().HasForeignKey("PolicyVersion");
            // A version has one tier per currency and starting amount.
            tier.HasKey("PolicyVersion", nameof(ApprovalTier.CurrencyCode), nameof(ApprovalTier.FromAmountMinor));
            tier.Property(t => t.CurrencyCode).HasMaxLength(3).IsRequired();
            tier.Property(t => t.Role).HasMaxLength(64);
            tier.Ignore(t => t.FromAmount);
        });
        policy.Navigation(p => p.Tiers).HasField("_tiers").UsePropertyAccessMode(PropertyAccessMode.Field);
        // The version in force is the newest active one.
        policy.HasIndex(p => new { p.Status, p.Version });
    }
}
