using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Refunds.Core.Analytics;

namespace Refunds.Core.Persistence.Configurations.Analytics;

internal sealed class DailyFigureConfiguration : IEntityTypeConfiguration<DailyFigure>
{
    public void Configure(EntityTypeBuilder<DailyFigure> figure)
    {
        figure.ToTable("daily_figures");
        // The key the upsert of FigureTally names in its ON CONFLICT; a period's figures are one range of it.
        figure.HasKey(f => new { f.Day, f.CurrencyCode, f.Measure, f.Key });
        figure.Property(f => f.CurrencyCode).HasMaxLength(3);
        figure.Property(f => f.Measure).HasConversion(new WireNameConverter<FigureMeasure>()).HasMaxLength(32);
        // A failure reason is a key: as long as the refund's own column.
        figure.Property(f => f.Key).HasMaxLength(500);
        // One measure over all days and currencies (the Refunds tab's status counts, refunds awaiting approval).
        figure.HasIndex(f => new { f.Measure, f.Day });
        figure.Ignore(f => f.FigureKey);
    }
}
