using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Refunds.Core.Webhooks;

namespace Refunds.Core.Persistence.Configurations.Webhooks;

internal sealed class WebhookAttemptConfiguration : IEntityTypeConfiguration<WebhookAttempt>
{
    public void Configure(EntityTypeBuilder<WebhookAttempt> attempt)
    {
        attempt.ToTable("webhook_attempts");
        attempt.HasKey(a => a.Id);
        attempt.Property(a => a.Id).ValueGeneratedNever();
        attempt.Property(a => a.Error).HasMaxLength(WebhookAttempt.ErrorLength);
        attempt.Property(a => a.ResponseExcerpt).HasMaxLength(WebhookAttempt.ResponseExcerptBytes);
        attempt.Ignore(a => a.Succeeded);
        attempt.HasIndex(a => new { a.DeliveryId, a.At });
    }
}
