using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Refunds.Core.Webhooks;

namespace Refunds.Core.Persistence.Configurations.Webhooks;

internal sealed class WebhookEventConfiguration : IEntityTypeConfiguration<WebhookEvent>
{
    public void Configure(EntityTypeBuilder<WebhookEvent> @event)
    {
        @event.ToTable("webhook_events");
        @event.HasKey(e => e.Id);
        @event.Property(e => e.Id).ValueGeneratedNever();
        @event.Property(e => e.Type).HasMaxLength(64).IsRequired();
        @event.Property(e => e.Body).IsRequired();
        @event.Property(e => e.Version).IsConcurrencyToken();
        @event.Ignore(e => e.WebhookId);
        // The worker's next events to fan out, oldest first.
        @event.HasIndex(e => new { e.AwaitsFanOut, e.Id });
    }
}
