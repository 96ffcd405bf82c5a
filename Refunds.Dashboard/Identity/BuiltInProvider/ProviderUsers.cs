using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Refunds.Dashboard.Identity.BuiltInProvider;

/// <summary>The built-in provider's user directory: the users named in settings.</summary>
public sealed class ProviderUsers(IOptions<BuiltInProviderOptions> options)
{
    /// <summary>The user whose name and password match, or null. Compares in constant time.</summary>
    public BuiltInProviderOptions.User? Find(string? username, string? password)
    {
        if (string.IsNullOrEmpty(username) || string.IsNullOrEmpty(password)) return null;
        var user = options.Value.Users.FirstOrDefault(u => string.Equals(u.Username, username.Trim(), StringComparison.OrdinalIgnoreCase));
        var expected = SHA256.HashData(Encoding.UTF8.GetBytes(user?.Password ?? "\0no such user\0"));
        var given = SHA256.HashData(Encoding.UTF8.GetBytes(password));
        return CryptographicOperations.FixedTimeEquals(expected, given) && user is not null ? user : null;
    }
}
