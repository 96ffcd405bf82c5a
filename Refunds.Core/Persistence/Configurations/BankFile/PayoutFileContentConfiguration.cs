using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Refunds.Core.Payouts.BankFile;

namespace Refunds.Core.Persistence.Configurations.BankFile;

internal sealed class PayoutFileContentConfiguration : IEntityTypeConfiguration<PayoutFileContent>
{
    public void Configure(EntityTypeBuilder<PayoutFileContent> content)
    {
        content.ToTable("payout_file_contents");
        content.HasKey(c => c.FileId);
        content.HasOne<PayoutFile>().WithOne().HasForeignKey<PayoutFileContent>(c => c.FileId).OnDelete(DeleteBehavior.Restrict);
        content.Property(c => c.Xml).IsRequired();
    }
}
