using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Refunds.Core.Persistence.Configurations.DataProtection;

internal sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<DataProtectionKey> key)
    {
        key.ToTable("data_protection_keys");
        key.HasKey(k => k.Id);
        key.Property(k => k.FriendlyName).HasMaxLength(200);
        key.Property(k => k.Xml).IsRequired();
    }
}
