using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Refunds.Core.Persistence;
using Refunds.Dashboard.Tests.Support;

namespace Refunds.Dashboard.Tests.Dashboard.Hosting;

public class DataProtectionTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("refunds-keys-").FullName;

    [Fact]
    public async Task A_session_cookie_issued_before_a_restart_still_works_after_it()
    {
        string cookie;
        string database;
        await using (var before = new DashboardFactory { KeepDatabase = true })
        {
            database = before.DatabasePath;
            cookie = await SessionCookieAsync(before);
        }

        await using var after = new DashboardFactory { DatabasePath = database };

        Assert.True(await IsSignedInAsync(after, cookie));
        // The key ring that made it work is the database's (not a folder on this machine).
        Assert.NotEmpty(await StoredKeysAsync(after));
    }

    [Fact]
    public async Task Keys_are_stored_encrypted_when_a_certificate_is_configured()
    {
        var certificate = Pfx("current");
        await using var app = new Instance(certificate);

        app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("a secret");

        var keys = await StoredKeysAsync(app);
        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.Contains("<encryptedSecret", xml);
            Assert.DoesNotContain("<masterKey", xml);
        });
    }

    [Fact]
    public async Task A_second_instance_with_the_same_certificate_accepts_the_first_ones_session_cookie()
    {
        var certificate = Pfx("current");
        await using var first = new Instance(certificate);
        var cookie = await SessionCookieAsync(first);

        await using var second = new Instance(certificate) { DatabasePath = first.DatabasePath, KeepDatabase = true };

        Assert.True(await IsSignedInAsync(second, cookie));
    }

    [Fact]
    public async Task An_instance_without_the_certificate_cannot_read_keys_encrypted_with_it()
    {
        await using var first = new Instance(Pfx("current"));
        var cookie = await SessionCookieAsync(first);

        await using var second = new Instance(Pfx("another")) { DatabasePath = first.DatabasePath, KeepDatabase = true };

        Assert.False(await IsSignedInAsync(second, cookie));
    }

    [Fact]
    public async Task Keys_encrypted_with_a_previous_certificate_still_read_while_it_is_listed()
    {
        var previous = Pfx("previous");
        await using var before = new Instance(previous);
        var cookie = await SessionCookieAsync(before);

        await using var after = new Instance(Pfx("current"), previous) { DatabasePath = before.DatabasePath, KeepDatabase = true };

        Assert.True(await IsSignedInAsync(after, cookie));
    }

    [Fact]
    public async Task Keys_stored_unencrypted_before_a_certificate_was_set_keep_working()
    {
        await using var before = new DashboardFactory();
        var cookie = await SessionCookieAsync(before);

        await using var after = new Instance(Pfx("current")) { DatabasePath = before.DatabasePath, KeepDatabase = true };

        Assert.True(await IsSignedInAsync(after, cookie));
    }

    [Fact]
    public async Task A_certificate_file_that_is_missing_stops_the_app_naming_the_setting()
    {
        await using var app = new Instance(new CertificateFile(Path.Combine(_folder, "missing.pfx"), "secret"));

        var error = Assert.Throws<InvalidOperationException>(() => app.CreateClient());

        Assert.Contains("DataProtection:Certificate:Path", error.Message);
    }

    [Fact]
    public async Task A_certificate_with_the_wrong_password_stops_the_app_naming_the_setting()
    {
        await using var app = new Instance(Pfx("current") with { Password = "not-the-password" });

        var error = Assert.Throws<InvalidOperationException>(() => app.CreateClient());

        Assert.Contains("DataProtection:Certificate:Path", error.Message);
    }

    [Fact]
    public async Task A_certificate_without_its_private_key_stops_the_app_naming_the_setting()
    {
        using var certificate = SelfSigned("public only");
        var path = Path.Combine(_folder, "public-only.pem");
        await File.WriteAllTextAsync(path, certificate.ExportCertificatePem());
        await using var app = new Instance(new CertificateFile(path, null));

        var error = Assert.Throws<InvalidOperationException>(() => app.CreateClient());

        Assert.Contains("DataProtection:Certificate:Path", error.Message);
    }

    [Fact]
    public async Task A_pem_certificate_and_key_pair_encrypts_the_keys()
    {
        using var certificate = SelfSigned("pem");
        var path = Path.Combine(_folder, "certificate.pem");
        var keyPath = Path.Combine(_folder, "certificate-key.pem");
        await File.WriteAllTextAsync(path, certificate.ExportCertificatePem());
        await File.WriteAllTextAsync(keyPath, certificate.GetRSAPrivateKey()!.ExportPkcs8PrivateKeyPem());
        await using var app = new Instance(new CertificateFile(path, null, keyPath));

        app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("a secret");

        Assert.All(await StoredKeysAsync(app), xml => Assert.Contains("<encryptedSecret", xml));
    }

    [Fact]
    public async Task Production_refuses_to_store_keys_unencrypted_unless_told_to()
    {
        await using var app = new InProduction(allowUnencrypted: false);

        var error = Assert.Throws<InvalidOperationException>(() => app.CreateClient());

        Assert.Contains("DataProtection:Certificate:Path", error.Message);
        Assert.Contains("DataProtection:AllowUnencryptedKeysInProduction", error.Message);
    }

    [Fact]
    public async Task Production_stores_keys_unencrypted_when_explicitly_allowed()
    {
        await using var app = new InProduction(allowUnencrypted: true);

        var response = await app.CreateClient().GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public void Dispose()
    {
        Directory.Delete(_folder, recursive: true);
        GC.SuppressFinalize(this);
    }

    private sealed record CertificateFile(string Path, string? Password, string? KeyPath = null);

    /// <summary>A fresh self-signed RSA certificate with its key, as a password-protected PKCS#12 file.</summary>
    private CertificateFile Pfx(string name)
    {
        using var certificate = SelfSigned(name);
        var path = Path.Combine(_folder, $"{name}.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, "secret"));
        return new CertificateFile(path, "secret");
    }

    private static X509Certificate2 SelfSigned(string name)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN=refunds-data-protection-{name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
    }

    /// <summary>The dashboard with a data-protection certificate, and optionally a previous one.</summary>
    private sealed class Instance(CertificateFile certificate, CertificateFile? previous = null) : DashboardFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [
            new("DataProtection:Certificate:Path", certificate.Path),
            new("DataProtection:Certificate:Password", certificate.Password),
            new("DataProtection:Certificate:KeyPath", certificate.KeyPath),
            .. previous is null ? [] : new KeyValuePair<string, string?>[]
            {
                new("DataProtection:PreviousCertificates:0:Path", previous.Path),
                new("DataProtection:PreviousCertificates:0:Password", previous.Password),
            },
        ];
    }

    private sealed class InProduction(bool allowUnencrypted) : DashboardFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [
            new("BuiltInProvider:AllowInProduction", "true"),
            new("DataProtection:AllowUnencryptedKeysInProduction", allowUnencrypted ? "true" : "false"),
        ];

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
        }
    }

    private static async Task<string> SessionCookieAsync(DashboardFactory app)
    {
        var browser = new BrowserSession(app);
        await browser.SignInAsync("initiator");
        return string.Join("; ", browser.Cookies(new Uri("http://localhost/")).Select(c => $"{c.Name}={c.Value}"));
    }

    private static async Task<bool> IsSignedInAsync(DashboardFactory app, string cookie)
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("Cookie", cookie);
        var response = await client.SendAsync(request);
        return response.StatusCode == HttpStatusCode.OK && (await response.Content.ReadAsStringAsync()).Contains("Iman Initiator");
    }

    private static async Task<List<string>> StoredKeysAsync(DashboardFactory app)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<RefundsDbContext>>().CreateDbContextAsync();
        return await db.DataProtectionKeys.Select(k => k.Xml).ToListAsync();
    }
}
