using System.Security.Cryptography;
using System.Text;

namespace Refunds.Dashboard.Identity.BuiltInProvider;

/// <summary>
/// PBKDF2 password hashes, written <c>PBKDF2$SHA256$&lt;iterations&gt;$&lt;salt&gt;$&lt;hash&gt;</c> (base64), so
/// settings can hold hashes instead of passwords.
/// </summary>
public static class PasswordHash
{
    private const string Prefix = "PBKDF2$SHA256$";
    private const int Iterations = 210_000;
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    public static bool IsHash(string value) => value.StartsWith(Prefix, StringComparison.Ordinal);

    public static string Create(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, Iterations, HashAlgorithmName.SHA256, HashBytes);
        return $"{Prefix}{Iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
    }

    /// <summary>Checks a password against a hash in constant time; a malformed hash never matches.</summary>
    public static bool Verify(string password, string encoded)
    {
        var parts = encoded.Split('$');
        if (parts.Length != 5 || !IsHash(encoded) || !int.TryParse(parts[2], out var iterations) || iterations < 1) return false;
        try
        {
            var salt = Convert.FromBase64String(parts[3]);
            var expected = Convert.FromBase64String(parts[4]);
            var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, expected.Length);
            return CryptographicOperations.FixedTimeEquals(actual, expected);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
