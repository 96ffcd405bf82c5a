using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Refunds.Core.Payments;
using Refunds.Core.Statements;

namespace Refunds.Core.Persistence.Configurations.Engine;

internal sealed class ImportedStatementLineConfiguration : IEntityTypeConfiguration<ImportedStatementLine>
{
    public void Configure(EntityTypeBuilder<ImportedStatementLine> line)
    {
        line.ToTable("statement_lines");
        line.HasKey(l => l.Id);
        line.Property(l => l.Id).ValueGeneratedNever();
        line.HasOne<StatementImport>().WithMany().HasForeignKey(l => l.ImportId);
        line.HasOne<Payment>().WithMany().HasForeignKey(l => l.PaymentId);
        line.Property(l => l.StatementReference).HasMaxLength(64).IsRequired();
        line.Property(l => l.LineReference).HasMaxLength(64).IsRequired();
        line.Property(l => l.CurrencyCode).HasMaxLength(3).IsRequired();
        line.Property(l => l.AccountServicerReference).HasMaxLength(64);
        line.Property(l => l.EndToEndId).HasMaxLength(64);
        line.Property(l => l.Remittance).HasMaxLength(2000);
        line.Property(l => l.DebtorName).HasMaxLength(InputLimits.AccountName);
        line.Property(l => l.DebtorIban).HasMaxLength(InputLimits.Iban);
        line.Property(l => l.Result).HasConversion(new WireNameConverter<LineResult>()).HasMaxLength(32);
        line.Property(l => l.Reason).HasMaxLength(500);
        line.Property(l => l.CandidatePaymentIds).HasMaxLength(ImportedStatementLine.MaxCandidates * 37);
        line.Property(l => l.MatchedBy).HasMaxLength(128);
        line.Property(l => l.MatchedByName).HasMaxLength(200);
        line.Property(l => l.MatchNote).HasMaxLength(InputLimits.Note);
        line.Property(l => l.Version).IsConcurrencyToken();
        line.Ignore(l => l.ReconciliationReference);
        line.Ignore(l => l.Candidates);
        line.Ignore(l => l.AwaitsMatch);

        line.HasIndex(l => new { l.ImportId, l.Number }).IsUnique();
        // A page of one result, in file order.
        line.HasIndex(l => new { l.ImportId, l.Result, l.Number });
        // A payment is reconciled by one line at most, whatever races (the payment's version check comes first).
        line.HasIndex(l => l.PaymentId).IsUnique().HasFilter("\"Result\" = 'MATCHED'");
    }
}
