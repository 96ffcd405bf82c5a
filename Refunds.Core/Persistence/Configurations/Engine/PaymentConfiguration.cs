using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Refunds.Core.Payments;

namespace Refunds.Core.Persistence.Configurations.Engine;

internal sealed class PaymentConfiguration : IEntityTypeConfiguration<Payment>
{
    public void Configure(EntityTypeBuilder<Payment> payment)
    {
        payment.ToTable("payments");
        payment.HasKey(p => p.Id);
        payment.Property(p => p.Id).ValueGeneratedNever();
        payment.Property(p => p.CurrencyCode).HasMaxLength(3).IsRequired();
        payment.Property(p => p.Status).HasConversion(new WireNameConverter<PaymentStatus>()).HasMaxLength(32);
        payment.Property(p => p.CustomerId).HasMaxLength(InputLimits.CustomerId);
        payment.Property(p => p.MerchantReference).HasMaxLength(InputLimits.MerchantReference);
        payment.Property(p => p.ReconciliationReference).HasMaxLength(InputLimits.StatementReference);
        payment.Property(p => p.Version).IsConcurrencyToken();
        payment.ComplexProperty(p => p.Payer, payer =>
        {
            payer.Property(a => a.Name).HasMaxLength(InputLimits.AccountName).IsRequired();
            payer.Property(a => a.Iban).HasMaxLength(InputLimits.Iban).IsRequired();
            payer.Property(a => a.City).HasMaxLength(InputLimits.City);
            payer.Property(a => a.Bank).HasMaxLength(InputLimits.BankName);
        });
        payment.Ignore(p => p.Currency);
        payment.Ignore(p => p.Amount);
        payment.Ignore(p => p.Reserved);
        payment.Ignore(p => p.Refunded);
        payment.Ignore(p => p.Refundable);
        payment.Ignore(p => p.IsReconciled);

        payment.HasIndex(p => p.CreatedAt);
        payment.HasIndex(p => p.MerchantReference);
        payment.HasIndex(p => p.CustomerId);
    }
}
