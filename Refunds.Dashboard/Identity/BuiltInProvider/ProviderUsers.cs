using Microsoft.Extensions.Options;

namespace Refunds.Dashboard.Identity.BuiltInProvider;

/// <summary>
/// The built-in provider's user directory: the users named in settings, their passwords held only
/// as PBKDF2 hashes (plain demo passwords are hashed when the app starts).
/// </summary>
public sealed class ProviderUsers
{
    private readonly IReadOnlyDictionary<string, (BuiltInProviderOptions.User User, string Hash)> _users;

    // Checked for unknown usernames too, so that a wrong user and a wrong password take the same time.
    private readonly string _decoy = PasswordHash.Create(Guid.NewGuid().ToString());

    public ProviderUsers(IOptions<BuiltInProviderOptions> options) =>
        _users = options.Value.Users.ToDictionary(
            u => u.Username.Trim(),
            u => (u, PasswordHash.IsHash(u.Password) ? u.Password : PasswordHash.Create(u.Password)),
            StringComparer.OrdinalIgnoreCase);

    /// <summary>The user whose name and password match, or null.</summary>
    public BuiltInProviderOptions.User? Find(string? username, string? password)
    {
        var known = _users.TryGetValue(username?.Trim() ?? "", out var entry);
        var matches = PasswordHash.Verify(password ?? "", known ? entry.Hash : _decoy);
        return known && matches ? entry.User : null;
    }
}
