using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Refunds.Core.Webhooks;

namespace Refunds.Core.Persistence.Configurations.Webhooks;

internal sealed class WebhookEndpointConfiguration : IEntityTypeConfiguration<WebhookEndpoint>
{
    public void Configure(EntityTypeBuilder<WebhookEndpoint> endpoint)
    {
        endpoint.ToTable("webhook_endpoints");
        endpoint.HasKey(e => e.Id);
        endpoint.Property(e => e.Id).ValueGeneratedNever();
        endpoint.Property(e => e.OwnerClientId).HasMaxLength(128).IsRequired();
        endpoint.Property(e => e.Url).HasMaxLength(WebhookTargets.MaxUrlLength).IsRequired();
        endpoint.PrimitiveCollection(e => e.EventTypes).IsRequired();
        endpoint.Property(e => e.Description).HasMaxLength(InputLimits.Description);
        endpoint.Property(e => e.DisabledReason).HasMaxLength(200);
        endpoint.Property(e => e.Secret).HasMaxLength(128).IsRequired();
        endpoint.Property(e => e.PreviousSecret).HasMaxLength(128);
        endpoint.Property(e => e.Version).IsConcurrencyToken();
        endpoint.HasIndex(e => new { e.OwnerClientId, e.CreatedAt });
    }
}
