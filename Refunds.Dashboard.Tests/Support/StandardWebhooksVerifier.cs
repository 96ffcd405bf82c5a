using System.Security.Cryptography;
using System.Text;

namespace Refunds.Dashboard.Tests.Support;

/// <summary>
/// A receiver's check of a message, written from the Standard Webhooks specification and not from the
/// product's code: the secret is <c>whsec_</c> + base64 key; the signed content is
/// <c>{msg_id}.{timestamp}.{payload}</c>; the header holds space-separated <c>v1,&lt;base64 HMAC-SHA256&gt;</c>
/// signatures, any one of which may match; the timestamp must be within the tolerance of now.
/// </summary>
public static class StandardWebhooksVerifier
{
    private static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    public static bool Verify(string secret, ReceivedWebhook message, DateTimeOffset now)
    {
        if (!long.TryParse(message.Timestamp, out var seconds)) return false;
        if ((now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > Tolerance) return false;
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var expected = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{message.Id}.{message.Timestamp}.{message.Body}"));
        foreach (var versioned in message.Signature.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = versioned.Split(',', 2);
            if (parts is not ["v1", var signature]) continue;
            byte[] given;
            try
            {
                given = Convert.FromBase64String(signature);
            }
            catch (FormatException)
            {
                continue;
            }
            if (CryptographicOperations.FixedTimeEquals(given, expected)) return true;
        }
        return false;
    }
}
