using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;
using Refunds.Core.Persistence;

namespace Refunds.Dashboard.Identity.BuiltInProvider;

/// <summary>
/// The built-in provider's RSA keys: created on first start, kept in the database (never in the
/// repository), and read back on every later start so tokens and sign-ins survive restarts.
/// </summary>
public sealed class ProviderKeyStore(IDbContextFactory<RefundsDbContext> contexts, TimeProvider clock)
{
    public const string Signing = "signing";
    public const string Encryption = "encryption";

    /// <summary>Loads the key, creating it when the database has none (the first instance to commit wins).</summary>
    public RsaSecurityKey Get(string purpose)
    {
        using var db = contexts.CreateDbContext();
        var stored = db.ProviderKeys.AsNoTracking().SingleOrDefault(k => k.Purpose == purpose);
        if (stored is null)
        {
            using var fresh = RSA.Create(2048);
            db.ProviderKeys.Add(new ProviderKey(purpose, fresh.ExportRSAPrivateKeyPem(), clock.GetUtcNow()));
            try
            {
                db.SaveChanges();
            }
            catch (DbUpdateException)
            {
                // Another instance stored its key first: use that one.
            }
            db.ChangeTracker.Clear();
            stored = db.ProviderKeys.AsNoTracking().Single(k => k.Purpose == purpose);
        }
        var rsa = RSA.Create();
        rsa.ImportFromPem(stored.Pem);
        return new RsaSecurityKey(rsa) { KeyId = $"{purpose}-{stored.CreatedAt.ToUnixTimeSeconds()}" };
    }
}
