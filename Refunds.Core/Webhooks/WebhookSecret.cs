using System.Security.Cryptography;

namespace Refunds.Core.Webhooks;

/// <summary>
/// An endpoint's signing secret as the Standard Webhooks specification writes it: <c>whsec_</c> and the
/// base64 of the key's bytes (24 to 64 of them; ours are 32).
/// </summary>
public static class WebhookSecret
{
    public const string Prefix = "whsec_";
    private const int KeyBytes = 32;

    public static string New() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeyBytes));

    /// <summary>The HMAC key a secret stands for.</summary>
    public static byte[] KeyOf(string secret) =>
        secret.StartsWith(Prefix, StringComparison.Ordinal)
            ? Convert.FromBase64String(secret[Prefix.Length..])
            : throw new ArgumentException("A webhook secret starts with whsec_.", nameof(secret));
}
