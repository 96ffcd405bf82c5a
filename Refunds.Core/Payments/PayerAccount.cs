namespace Refunds.Core.Payments;

/// <summary>The bank account a payment came from: where its refunds go back to.</summary>
public sealed record PayerAccount(string Name, string Iban, string? City, string? Bank);
