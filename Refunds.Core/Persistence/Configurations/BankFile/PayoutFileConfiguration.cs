using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Refunds.Core.Payouts.BankFile;

namespace Refunds.Core.Persistence.Configurations.BankFile;

internal sealed class PayoutFileConfiguration : IEntityTypeConfiguration<PayoutFile>
{
    public void Configure(EntityTypeBuilder<PayoutFile> file)
    {
        file.ToTable("payout_files");
        file.HasKey(f => f.Id);
        file.Property(f => f.Id).ValueGeneratedNever();
        file.Property(f => f.MessageId).HasMaxLength(35).IsRequired();
        file.Property(f => f.Format).HasMaxLength(32).IsRequired();
        file.Property(f => f.CreatedBy).HasMaxLength(128).IsRequired();
        file.Property(f => f.CreatedByName).HasMaxLength(200).IsRequired();
        file.Property(f => f.State).HasConversion(new WireNameConverter<PayoutFileStatus>()).HasMaxLength(32);
        file.Property(f => f.SentBy).HasMaxLength(128);
        file.Property(f => f.SentByName).HasMaxLength(200);
        file.Property(f => f.VoidedBy).HasMaxLength(128);
        file.Property(f => f.VoidedByName).HasMaxLength(200);
        file.Property(f => f.Sha256).HasMaxLength(64).IsRequired();
        file.Property(f => f.Version).IsConcurrencyToken();
        file.Ignore(f => f.Status);
        file.Ignore(f => f.FileName);
        // The bank knows a file by its MsgId: two files never share one.
        file.HasIndex(f => f.MessageId).IsUnique();
        file.HasIndex(f => new { f.CreatedAt, f.Id });
    }
}
