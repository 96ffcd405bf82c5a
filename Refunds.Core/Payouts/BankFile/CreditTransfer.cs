using Refunds.Core.Payments;

namespace Refunds.Core.Payouts.BankFile;

/// <summary>One refund as a credit transfer in a payment file: to whom, how much, on which day, with what reference.</summary>
public sealed record CreditTransfer(Guid RefundId, Money Amount, string CreditorName, string CreditorIban, string? RemittanceInformation,
    DateOnly RequestedExecutionDate);

/// <summary>The business account refunds are paid from (settings <c>BankFile:Debtor:*</c>).</summary>
public sealed record DebtorAccount(string Name, string Iban, string? Bic);
