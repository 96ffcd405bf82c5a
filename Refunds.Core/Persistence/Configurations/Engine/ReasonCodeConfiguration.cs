using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Refunds.Core.Reasons;

namespace Refunds.Core.Persistence.Configurations.Engine;

internal sealed class ReasonCodeConfiguration : IEntityTypeConfiguration<ReasonCode>
{
    public void Configure(EntityTypeBuilder<ReasonCode> reason)
    {
        reason.ToTable("reason_codes");
        reason.HasKey(r => r.Code);
        reason.Property(r => r.Code).HasMaxLength(InputLimits.ReasonCode);
        reason.Property(r => r.Description).HasMaxLength(200).IsRequired();
        // Lean's canonical codes, present from the first migration on.
        reason.HasData(
            new { Code = "CUSTOMER_REQUEST", Description = "Requested by the client", IsActive = true },
            new { Code = "DUPLICATED_PAYMENT", Description = "Duplicated Payment", IsActive = true },
            new { Code = "ORDER_CANCELLED", Description = "Service/Order Cancellation", IsActive = true },
            new { Code = "FRAUDULENT_PAYMENT", Description = "Fraudulent Payment", IsActive = true });
    }
}
