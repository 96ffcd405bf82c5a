namespace Refunds.Dashboard.Identity.BuiltInProvider;

/// <summary>
/// Section <c>BuiltInProvider</c>: the OpenID Connect provider the dashboard hosts itself when no
/// external <c>Auth:Authority</c> is set. Its users and clients are demo credentials.
/// </summary>
public sealed class BuiltInProviderOptions
{
    public const string Section = "BuiltInProvider";

    /// <summary>
    /// The provider's public base URL (its issuer). Empty: the address the app listens on, so it
    /// works on whatever <c>--urls</c> says.
    /// </summary>
    public string? Issuer { get; set; }

    /// <summary>The Production environment refuses to start the built-in provider unless this is true.</summary>
    public bool AllowInProduction { get; set; }

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Failed sign-ins for one username within <see cref="LockoutWindow"/> that lock it.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 1000)]
    public int LockoutThreshold { get; set; } = 5;

    public TimeSpan LockoutWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a locked username stays locked.</summary>
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    public List<User> Users { get; set; } = [];

    public List<Client> Clients { get; set; } = [];

    public sealed class User
    {
        public string Username { get; set; } = "";

        /// <summary>A PBKDF2 hash (<c>PBKDF2$SHA256$...</c>), or a plain demo password that is hashed at start.</summary>
        public string Password { get; set; } = "";

        public string DisplayName { get; set; } = "";

        public string[] Roles { get; set; } = [];
    }

    public sealed class Client
    {
        public string ClientId { get; set; } = "";

        public string ClientSecret { get; set; } = "";

        public string DisplayName { get; set; } = "";

        public string[] Scopes { get; set; } = [];
    }
}
