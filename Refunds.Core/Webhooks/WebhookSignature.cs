using System.Security.Cryptography;
using System.Text;

namespace Refunds.Core.Webhooks;

/// <summary>
/// The Standard Webhooks signature: <c>v1,</c> and the base64 HMAC-SHA256 of
/// <c>{webhook-id}.{webhook-timestamp}.{body}</c> keyed with the secret's bytes; one per secret in force,
/// separated by spaces, so a receiver that knows either secret accepts the message during a rotation.
/// </summary>
public static class WebhookSignature
{
    public const string IdHeader = "webhook-id";
    public const string TimestampHeader = "webhook-timestamp";
    public const string SignatureHeader = "webhook-signature";

    public static string Of(string webhookId, long timestamp, string body, IReadOnlyList<string> secrets) =>
        string.Join(' ', secrets.Select(secret => "v1," + Convert.ToBase64String(
            HMACSHA256.HashData(WebhookSecret.KeyOf(secret), Encoding.UTF8.GetBytes($"{webhookId}.{timestamp}.{body}")))));
}
