using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Refunds.Core.Payouts.BankFile;
using Refunds.Core.Refunds;

namespace Refunds.Core.Persistence.Configurations.BankFile;

internal sealed class PayoutFileItemConfiguration : IEntityTypeConfiguration<PayoutFileItem>
{
    public void Configure(EntityTypeBuilder<PayoutFileItem> item)
    {
        item.ToTable("payout_file_items");
        item.HasKey(i => new { i.FileId, i.RefundId });
        item.HasOne<PayoutFile>().WithMany().HasForeignKey(i => i.FileId).OnDelete(DeleteBehavior.Restrict);
        item.HasOne<Refund>().WithMany().HasForeignKey(i => i.RefundId).OnDelete(DeleteBehavior.Restrict);
        item.Property(i => i.PaymentBlockId).HasMaxLength(35).IsRequired();
        item.Property(i => i.CurrencyCode).HasMaxLength(3).IsRequired();
        item.Property(i => i.Outcome).HasConversion(new WireNameConverter<TransferOutcome>()).HasMaxLength(16);
        // A refund is in at most one file that may reach the bank: a constraint, so two files made at once
        // (two requests, two instances) cannot both take it. A voided file's rows keep RefundId (the history)
        // and give up LiveRefundId, which is what lets the refund go in a new file. NULLs never collide.
        item.HasIndex(i => i.LiveRefundId).IsUnique();
        item.HasIndex(i => i.RefundId);
        item.HasIndex(i => i.PaymentBlockId);
    }
}
