using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Refunds.Core.Persistence.Configurations.IdentityProvider;

internal sealed class ProviderKeyConfiguration : IEntityTypeConfiguration<ProviderKey>
{
    public void Configure(EntityTypeBuilder<ProviderKey> key)
    {
        key.ToTable("provider_keys");
        key.HasKey(k => k.Purpose);
        key.Property(k => k.Purpose).HasMaxLength(32);
        key.Property(k => k.Pem).IsRequired();
    }
}
