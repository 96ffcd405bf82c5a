namespace Refunds.Dashboard.Hosting;

/// <summary>
/// Section <c>DataProtection</c>: the certificate that encrypts the data-protection keys (they protect
/// session cookies and form tokens) before they are stored in the database.
/// </summary>
public sealed class KeyProtectionOptions
{
    public const string Section = "DataProtection";

    /// <summary>Encrypts every key written from now on, and decrypts them. None: keys are stored unencrypted.</summary>
    public CertificateFile? Certificate { get; set; }

    /// <summary>Certificates that encrypted older keys: they only decrypt, so a rotated-out certificate's keys still read.</summary>
    public List<CertificateFile> PreviousCertificates { get; set; } = [];

    /// <summary>Let the Production environment store keys unencrypted (no <see cref="Certificate"/>).</summary>
    public bool AllowUnencryptedKeysInProduction { get; set; }

    /// <summary>An RSA certificate with its private key: a PKCS#12 file (<c>.pfx</c>), or PEM (the key in the same file or in <see cref="KeyPath"/>).</summary>
    public sealed class CertificateFile
    {
        public string Path { get; set; } = "";

        /// <summary>The PKCS#12 file's password, or the PEM key's when it is encrypted.</summary>
        public string? Password { get; set; }

        /// <summary>The PEM private key, when it is not in <see cref="Path"/>.</summary>
        public string? KeyPath { get; set; }
    }
}
