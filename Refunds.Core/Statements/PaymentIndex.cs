using Refunds.Core.Payments;

namespace Refunds.Core.Statements;

/// <summary>The payments a statement's lines could name, looked up by id, merchant reference and payer IBAN.</summary>
internal sealed class PaymentIndex
{
    private readonly Dictionary<Guid, Payment> _byId;
    private readonly ILookup<string, Payment> _byReference;
    private readonly ILookup<string, Payment> _byPayerIban;

    public PaymentIndex(IEnumerable<Payment> payments)
    {
        _byId = payments.DistinctBy(p => p.Id).ToDictionary(p => p.Id);
        _byReference = _byId.Values.Where(p => p.MerchantReference is not null).ToLookup(p => p.MerchantReference!, StringComparer.Ordinal);
        _byPayerIban = _byId.Values.ToLookup(p => p.Payer.Iban, StringComparer.Ordinal);
    }

    /// <summary>The payments whose id or merchant reference is <paramref name="key"/>.</summary>
    public IEnumerable<Payment> Named(string key) =>
        Guid.TryParse(key, out var id) && _byId.TryGetValue(id, out var payment) ? _byReference[key].Append(payment) : _byReference[key];

    public IEnumerable<Payment> PaidFrom(string iban) => _byPayerIban[Iban.Normalize(iban)];
}
