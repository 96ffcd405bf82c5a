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
        // The worker's next events to fan out, oldest first: only those still waiting, however long the outbox grows. On the
        // condition alone, as the worker's queries put it: SQLite takes no index for a bare boolean column, but a partial one
        // on that very term (with (AwaitsFanOut, Id) every pass scanned every event and its body: bench figure 3).
        @event.HasIndex(e => e.Id).HasFilter("\"AwaitsFanOut\"").HasDatabaseName("IX_webhook_events_awaiting_fan_out");
    }
}
