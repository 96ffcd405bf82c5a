using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Refunds.Dashboard.Identity;

namespace Refunds.Dashboard.Tests.Dashboard.Identity;

public class CachingTokenHandlerTests : IDisposable
{
    private static readonly DateTimeOffset Start = DateTimeOffset.UtcNow;

    private readonly RsaSecurityKey _key = new(RSA.Create(2048)) { KeyId = "signing" };
    private readonly FakeTimeProvider _clock = new(Start);
    private readonly CachingTokenHandler _handler;
    private int _fullValidations;

    public CachingTokenHandlerTests() => _handler = new CachingTokenHandler(_clock);

    [Fact]
    public async Task A_token_seen_again_is_not_validated_again()
    {
        var token = Token(expires: Start.AddHours(1));

        var first = await _handler.ValidateTokenAsync(token, Parameters());
        var second = await _handler.ValidateTokenAsync(token, Parameters());

        Assert.True(first.IsValid);
        Assert.True(second.IsValid);
        Assert.Equal(1, _fullValidations);
        Assert.Equal("integration-maker", second.ClaimsIdentity.FindFirst("client_id")?.Value);
    }

    [Fact]
    public async Task Each_call_gets_its_own_identity()
    {
        var token = Token(expires: Start.AddHours(1));
        var first = await _handler.ValidateTokenAsync(token, Parameters());

        first.ClaimsIdentity.AddClaim(new Claim("added", "by one request"));
        var second = await _handler.ValidateTokenAsync(token, Parameters());

        Assert.NotSame(first.ClaimsIdentity, second.ClaimsIdentity);
        Assert.Null(second.ClaimsIdentity.FindFirst("added"));
    }

    [Fact]
    public async Task A_remembered_token_is_validated_again_after_the_longest_it_is_kept()
    {
        var token = Token(expires: Start.AddHours(1));
        await _handler.ValidateTokenAsync(token, Parameters());

        _clock.Advance(CachingTokenHandler.MaxAge);
        var again = await _handler.ValidateTokenAsync(token, Parameters());

        Assert.True(again.IsValid);
        Assert.Equal(2, _fullValidations);
    }

    [Fact]
    public async Task A_remembered_token_is_never_accepted_from_memory_past_its_expiry()
    {
        var token = Token(expires: Start.AddMinutes(2));
        await _handler.ValidateTokenAsync(token, Parameters());

        _clock.Advance(TimeSpan.FromMinutes(2));
        await _handler.ValidateTokenAsync(token, Parameters());

        Assert.Equal(2, _fullValidations);
    }

    [Fact]
    public async Task An_invalid_token_is_not_remembered()
    {
        var forged = Token(expires: Start.AddHours(1), key: new RsaSecurityKey(RSA.Create(2048)) { KeyId = "signing" });

        var first = await _handler.ValidateTokenAsync(forged, Parameters());
        var second = await _handler.ValidateTokenAsync(forged, Parameters());

        Assert.False(first.IsValid);
        Assert.False(second.IsValid);
        Assert.Equal(2, _fullValidations);
    }

    public void Dispose() => _handler.Dispose();

    private TokenValidationParameters Parameters() => new()
    {
        ValidIssuer = "https://issuer.test",
        ValidAudience = "refunds-api",
        // Counts the validations that reach the signature check; the token's lifetime is checked against the real clock.
        IssuerSigningKeyResolver = (_, _, _, _) =>
        {
            _fullValidations++;
            return [_key];
        },
    };

    private string Token(DateTimeOffset expires, SecurityKey? key = null) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = "https://issuer.test",
        Audience = "refunds-api",
        Subject = new ClaimsIdentity([new Claim("client_id", "integration-maker")]),
        NotBefore = Start.UtcDateTime.AddMinutes(-1),
        IssuedAt = Start.UtcDateTime.AddMinutes(-1),
        Expires = expires.UtcDateTime,
        SigningCredentials = new SigningCredentials(key ?? _key, SecurityAlgorithms.RsaSha256),
    });
}
