using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;

namespace Refunds.Dashboard.Hosting;

/// <summary>
/// Encrypts the data-protection keys at rest with the configured certificate: whoever reads the
/// database (a backup, a replica) then cannot forge session cookies without the certificate's key.
/// Keys stored before a certificate was set stay readable; keys encrypted with a previous certificate
/// read while it is listed under <c>DataProtection:PreviousCertificates</c>.
/// </summary>
public static class KeyProtection
{
    /// <summary>Loads the certificates named in settings; one that cannot be used stops the app naming its setting.</summary>
    public static IDataProtectionBuilder ProtectKeysAtRest(this IDataProtectionBuilder dataProtection, IConfiguration configuration, IHostEnvironment environment)
    {
        var settings = configuration.GetSection(KeyProtectionOptions.Section).Get<KeyProtectionOptions>() ?? new KeyProtectionOptions();
        var previous = settings.PreviousCertificates
            .Select((file, i) => Load(file, $"{KeyProtectionOptions.Section}:{nameof(KeyProtectionOptions.PreviousCertificates)}:{i}")).ToList();
        if (settings.Certificate is not { Path.Length: > 0 } file)
        {
            if (environment.IsProduction() && !settings.AllowUnencryptedKeysInProduction)
                throw new InvalidOperationException(
                    $"Setting {KeyProtectionOptions.Section}:Certificate:Path is not set: in Production the data-protection keys (they sign and encrypt " +
                    "session cookies) are stored encrypted with a certificate. Set it (see README, \"Data protection keys\"), " +
                    $"or set {KeyProtectionOptions.Section}:AllowUnencryptedKeysInProduction=true to store them unencrypted.");
            dataProtection.Services.AddHostedService<UnencryptedKeysWarning>();
            if (previous.Count > 0) dataProtection.UnprotectKeysWithAnyCertificate([.. previous]);
            return dataProtection;
        }
        var current = Load(file, $"{KeyProtectionOptions.Section}:Certificate");
        return dataProtection.ProtectKeysWithCertificate(current).UnprotectKeysWithAnyCertificate([current, .. previous]);
    }

    private static X509Certificate2 Load(KeyProtectionOptions.CertificateFile file, string setting)
    {
        X509Certificate2 certificate;
        try
        {
            certificate = IsPem(file.Path) ? LoadPem(file) : X509CertificateLoader.LoadPkcs12FromFile(file.Path, file.Password);
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new InvalidOperationException(
                $"Setting {setting}:Path (\"{file.Path}\") is not a certificate that can be loaded with its private key " +
                $"(a .pfx with {setting}:Password, or PEM with the key in the file or in {setting}:KeyPath): {ex.Message}", ex);
        }
        if (!certificate.HasPrivateKey || certificate.GetRSAPublicKey() is null)
            throw new InvalidOperationException(
                $"Setting {setting}:Path (\"{file.Path}\") names a certificate without its RSA private key: keys are encrypted " +
                "with an RSA certificate and decrypted with its private key.");
        return certificate;
    }

    private static bool IsPem(string path)
    {
        using var reader = new StreamReader(path);
        var start = new char[64];
        var read = reader.ReadBlock(start);
        return new string(start, 0, read).TrimStart().StartsWith("-----BEGIN", StringComparison.Ordinal);
    }

    private static X509Certificate2 LoadPem(KeyProtectionOptions.CertificateFile file)
    {
        var keyPath = string.IsNullOrWhiteSpace(file.KeyPath) ? null : file.KeyPath;
        return string.IsNullOrEmpty(file.Password)
            ? X509Certificate2.CreateFromPemFile(file.Path, keyPath)
            : X509Certificate2.CreateFromEncryptedPemFile(file.Path, file.Password, keyPath);
    }

    /// <summary>Says at every start that the keys are stored unencrypted, outside Development where that is expected.</summary>
    private sealed class UnencryptedKeysWarning(IHostEnvironment environment, ILogger<UnencryptedKeysWarning> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            if (!environment.IsDevelopment())
                logger.LogWarning("Data-protection keys are stored unencrypted in the database: anyone who reads it can forge session cookies. " +
                    "Set {Setting} to encrypt them.", $"{KeyProtectionOptions.Section}:Certificate:Path");
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
