using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Refunds.Core.Statements;

namespace Refunds.Core.Persistence.Configurations.Engine;

internal sealed class StatementImportConfiguration : IEntityTypeConfiguration<StatementImport>
{
    public void Configure(EntityTypeBuilder<StatementImport> import)
    {
        import.ToTable("statement_imports");
        import.HasKey(i => i.Id);
        import.Property(i => i.Id).ValueGeneratedNever();
        import.Property(i => i.Format).HasMaxLength(32).IsRequired();
        import.Property(i => i.AccountIban).HasMaxLength(InputLimits.Iban);
        import.Property(i => i.StatementReference).HasMaxLength(64).IsRequired();
        import.Property(i => i.DeduplicationKey).HasMaxLength(128).IsRequired();
        import.Property(i => i.FileSha256).HasMaxLength(64).IsRequired();
        import.Property(i => i.ImportedBy).HasMaxLength(128).IsRequired();
        import.Property(i => i.ImportedByName).HasMaxLength(200).IsRequired();
        import.Property(i => i.Version).IsConcurrencyToken();
        // A statement is imported once: two imports of one file at once meet here, and the loser re-runs and finds the winner's.
        import.HasIndex(i => i.DeduplicationKey).IsUnique();
        import.HasIndex(i => i.ImportedAt);
    }
}
