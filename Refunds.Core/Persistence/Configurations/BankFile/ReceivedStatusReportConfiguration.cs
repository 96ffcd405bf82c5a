using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Refunds.Core.Payouts.BankFile;

namespace Refunds.Core.Persistence.Configurations.BankFile;

internal sealed class ReceivedStatusReportConfiguration : IEntityTypeConfiguration<ReceivedStatusReport>
{
    public void Configure(EntityTypeBuilder<ReceivedStatusReport> report)
    {
        report.ToTable("payout_status_reports");
        report.HasKey(r => r.Id);
        report.Property(r => r.Id).ValueGeneratedNever();
        report.Property(r => r.Format).HasMaxLength(32).IsRequired();
        report.Property(r => r.MessageId).HasMaxLength(64).IsRequired();
        report.Property(r => r.OriginalMessageId).HasMaxLength(64);
        report.Property(r => r.Sha256).HasMaxLength(64).IsRequired();
        report.Property(r => r.ReceivedBy).HasMaxLength(128).IsRequired();
        report.Property(r => r.ReceivedByName).HasMaxLength(200).IsRequired();
        report.Property(r => r.UnknownEndToEndIds).IsRequired();
        report.Ignore(r => r.Unknown);
        // A report is applied once: the same file twice (or twice at once) meets here, and the loser finds the winner's.
        report.HasIndex(r => r.Sha256).IsUnique();
        report.HasIndex(r => r.ReceivedAt);
    }
}
