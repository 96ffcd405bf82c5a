using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Refunds.Core.Approvals;
using Refunds.Core.Refunds;

namespace Refunds.Core.Persistence.Configurations.Engine;

internal sealed class RefundConfiguration : IEntityTypeConfiguration<Refund>
{
    public void Configure(EntityTypeBuilder<Refund> refund)
    {
        refund.ToTable("refunds");
        refund.HasKey(r => r.Id);
        refund.Property(r => r.Id).ValueGeneratedNever();
        refund.HasOne(r => r.Payment).WithMany().HasForeignKey(r => r.PaymentId).OnDelete(DeleteBehavior.Restrict);
        refund.Property(r => r.CurrencyCode).HasMaxLength(3).IsRequired();
        refund.Property(r => r.ReasonCode).HasMaxLength(InputLimits.ReasonCode).IsRequired();
        refund.Property(r => r.Description).HasMaxLength(InputLimits.Description);
        refund.Property(r => r.ExternalReference).HasMaxLength(InputLimits.ExternalReference);
        refund.Property(r => r.Kind).HasConversion(new WireNameConverter<RefundKind>()).HasMaxLength(16);
        refund.Property(r => r.Metadata).HasMaxLength(InputLimits.MetadataBytes);
        refund.Property(r => r.Status).HasConversion(new WireNameConverter<RefundStatus>()).HasMaxLength(32);
        refund.Property(r => r.CreatedBy).HasMaxLength(128).IsRequired();
        refund.Property(r => r.CreatedByName).HasMaxLength(200).IsRequired();
        refund.Property(r => r.ActionedBy).HasMaxLength(128);
        refund.Property(r => r.ActionedByName).HasMaxLength(200);
        refund.Property(r => r.DecisionNote).HasMaxLength(InputLimits.Note);
        refund.Property(r => r.BankReference).HasMaxLength(128);
        refund.Property(r => r.FailureReason).HasMaxLength(500);
        refund.Property(r => r.IdempotencyKey).HasMaxLength(InputLimits.IdempotencyKey);
        refund.Property(r => r.RequestFingerprint).HasMaxLength(64).IsRequired();
        refund.Property(r => r.Version).IsConcurrencyToken();
        refund.ComplexProperty(r => r.Beneficiary, beneficiary =>
        {
            beneficiary.Property(b => b.Name).HasMaxLength(InputLimits.AccountName).IsRequired();
            beneficiary.Property(b => b.Iban).HasMaxLength(InputLimits.Iban).IsRequired();
            beneficiary.Property(b => b.City).HasMaxLength(InputLimits.City).IsRequired();
        });
        refund.HasMany(r => r.History).WithOne().HasForeignKey(e => e.RefundId).OnDelete(DeleteBehavior.Restrict);
        refund.Navigation(r => r.History).HasField("_history").UsePropertyAccessMode(PropertyAccessMode.Field);
        refund.Ignore(r => r.Amount);
        refund.Ignore(r => r.ApprovalProgress);
        refund.Property(r => r.ApprovalsRequired).HasDefaultValue(1);
        refund.Property(r => r.ApprovalRole).HasMaxLength(64);
        // Owned, so every refund read comes with its approvals: no view of a refund can miss one.
        refund.OwnsMany(r => r.Approvals, approval =>
        {
            approval.ToTable("refund_approvals");
            approval.WithOwner().HasForeignKey("RefundId");
            // One approval per reviewer and refund, whatever races past the policy.
            approval.HasKey("RefundId", nameof(Approval.By));
            approval.Property(a => a.By).HasMaxLength(128).IsRequired();
            approval.Property(a => a.ByName).HasMaxLength(200).IsRequired();
            approval.Property(a => a.Note).HasMaxLength(InputLimits.Note);
        });
        refund.Navigation(r => r.Approvals).HasField("_approvals").UsePropertyAccessMode(PropertyAccessMode.Field);
        refund.OwnsOne(r => r.PayoutLease, lease =>
        {
            // The columns the lease had when it was two fields of the refund: no data moved.
            lease.Property(l => l.Owner).HasColumnName("PayoutLeaseOwner").HasMaxLength(200).IsRequired();
            lease.Property(l => l.Until).HasColumnName("PayoutLeaseUntil").IsRequired();
        });

        // A client's idempotency key names one refund; the unique index also settles two concurrent
        // requests carrying the same key.
        refund.HasIndex(r => new { r.CreatedBy, r.IdempotencyKey }).IsUnique();
        // Lists page newest first by (CreatedAt, Id), filtered by status or not: with Id in the index a
        // page's ids are read from the index alone, however deep the page (RefundQueries.ListAsync).
        refund.HasIndex(r => new { r.Status, r.CreatedAt, r.Id });
        refund.HasIndex(r => new { r.PaymentId, r.CreatedAt });
        refund.HasIndex(r => new { r.CreatedAt, r.Id });
        // The live payout queue: the most recently changed refunds of one status.
        refund.HasIndex(r => new { r.Status, r.UpdatedAt });
        // The payout queue: approved and pending refunds by when they are next due. (Why the due time is the
        // refund's own and not part of its lease: EF Core indexes no columns of an owner and its owned type together.)
        refund.HasIndex(r => new { r.Status, r.NextPayoutAttemptAt });
    }
}
