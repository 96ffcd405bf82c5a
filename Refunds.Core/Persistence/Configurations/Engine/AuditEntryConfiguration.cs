using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Refunds.Core.Audit;
using Refunds.Core.Refunds;

namespace Refunds.Core.Persistence.Configurations.Engine;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> entry)
    {
        entry.ToTable("audit_entries");
        entry.HasKey(e => e.Id);
        entry.Property(e => e.ActorId).HasMaxLength(128).IsRequired();
        entry.Property(e => e.ActorName).HasMaxLength(200).IsRequired();
        entry.Property(e => e.From).HasConversion(new WireNameConverter<RefundStatus>()).HasMaxLength(32);
        entry.Property(e => e.To).HasConversion(new WireNameConverter<RefundStatus>()).HasMaxLength(32);
        entry.Property(e => e.Note).HasMaxLength(InputLimits.Note);
        entry.HasIndex(e => new { e.RefundId, e.Id });
    }
}
