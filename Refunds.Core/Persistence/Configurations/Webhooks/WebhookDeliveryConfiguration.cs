using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Refunds.Core.Webhooks;

namespace Refunds.Core.Persistence.Configurations.Webhooks;

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> delivery)
    {
        delivery.ToTable("webhook_deliveries");
        delivery.HasKey(d => d.Id);
        delivery.Property(d => d.Id).ValueGeneratedNever();
        delivery.HasOne(d => d.Event).WithMany().HasForeignKey(d => d.EventId).OnDelete(DeleteBehavior.Restrict);
        // An endpoint's log goes with it.
        delivery.HasOne(d => d.Endpoint).WithMany().HasForeignKey(d => d.EndpointId).OnDelete(DeleteBehavior.Cascade);
        delivery.Property(d => d.OwnerClientId).HasMaxLength(128).IsRequired();
        delivery.Property(d => d.EventType).HasMaxLength(64).IsRequired();
        delivery.Property(d => d.Status).HasConversion(new WireNameConverter<WebhookDeliveryStatus>()).HasMaxLength(16);
        delivery.Property(d => d.LeaseOwner).HasMaxLength(200);
        delivery.Property(d => d.Version).IsConcurrencyToken();
        delivery.HasMany(d => d.Attempts).WithOne().HasForeignKey(a => a.DeliveryId).OnDelete(DeleteBehavior.Cascade);
        delivery.Navigation(d => d.Attempts).HasField("_attempts").UsePropertyAccessMode(PropertyAccessMode.Field);

        // One delivery per event and endpoint, however many instances fan the event out.
        delivery.HasIndex(d => new { d.EventId, d.EndpointId }).IsUnique();
        // The worker's queue: pending deliveries by when they are next due.
        delivery.HasIndex(d => new { d.Status, d.NextAttemptAt });
        // The delivery log, newest first, of one client or of all.
        delivery.HasIndex(d => new { d.OwnerClientId, d.CreatedAt });
        delivery.HasIndex(d => new { d.EndpointId, d.CreatedAt });
        delivery.HasIndex(d => d.CreatedAt);
    }
}
