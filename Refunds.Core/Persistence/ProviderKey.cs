namespace Refunds.Core.Persistence;

/// <summary>
/// A private key of the dashboard's built-in identity provider (token signing or encryption),
/// generated on first start and kept in the database so every instance signs with the same key.
/// </summary>
public sealed class ProviderKey
{
    private ProviderKey()
    {
        Purpose = null!;
        Pem = null!;
    }

    public ProviderKey(string purpose, string pem, DateTimeOffset createdAt)
    {
        Purpose = purpose;
        Pem = pem;
        CreatedAt = createdAt;
    }

    public string Purpose { get; private set; }

    public string Pem { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
}
