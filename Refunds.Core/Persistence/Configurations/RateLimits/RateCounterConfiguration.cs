using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Refunds.Core.Persistence.Configurations.RateLimits;

internal sealed class RateCounterConfiguration : IEntityTypeConfiguration<RateCounter>
{
    public void Configure(EntityTypeBuilder<RateCounter> counter)
    {
        counter.ToTable("rate_counters");
        counter.HasKey(c => c.Key);
        counter.Property(c => c.Key).HasMaxLength(RateCounter.MaxKeyLength);
        // Expired counters are deleted by their expiry.
        counter.HasIndex(c => c.ExpiresAt);
    }
}
