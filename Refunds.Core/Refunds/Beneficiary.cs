namespace Refunds.Core.Refunds;

/// <summary>Who receives a refund. By default the payment's payer account: refunds go back to the source.</summary>
public sealed record Beneficiary(string Name, string Iban, string City)
{
    public const string DefaultCity = "Dubai";
}
