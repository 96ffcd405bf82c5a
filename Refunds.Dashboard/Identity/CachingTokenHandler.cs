using Microsoft.Extensions.Caching.Memory;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Refunds.Dashboard.Identity;

/// <summary>
/// Validates an integration's bearer token once and remembers the result for its next calls: checking
/// the signature is the costliest step of an API call (bench/README.md, round 5), and a client sends the
/// same token for its whole lifetime. Only valid tokens are kept, by their exact text, never past their
/// expiry and at most <see cref="MaxAge"/> (so a signing key withdrawn by the provider stops working
/// within that), and at most <see cref="Capacity"/> of them.
/// </summary>
public sealed class CachingTokenHandler : JsonWebTokenHandler, IDisposable
{
    public const int Capacity = 10_000;

    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);

    private readonly TimeProvider _clock;
    private readonly MemoryCache _validated;

    public CachingTokenHandler(TimeProvider clock)
    {
        _clock = clock;
        _validated = new MemoryCache(new MemoryCacheOptions { SizeLimit = Capacity });
    }

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        var now = _clock.GetUtcNow();
        if (_validated.TryGetValue(token, out Validated? known) && known!.Until > now)
            return Copy(known.Result);

        var result = await base.ValidateTokenAsync(token, validationParameters);
        var expires = new DateTimeOffset(result.SecurityToken?.ValidTo ?? DateTime.MinValue, TimeSpan.Zero);
        if (result.IsValid && expires > now)
        {
            var until = expires < now + MaxAge ? expires : now + MaxAge;
            _validated.Set(token, new Validated(Copy(result), until), new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = until - now });
        }
        return result;
    }

    public void Dispose() => _validated.Dispose();

    // Each call gets its own identity: a request's principal must never be shared with another's.
    private static TokenValidationResult Copy(TokenValidationResult result) => new()
    {
        IsValid = true,
        SecurityToken = result.SecurityToken,
        ClaimsIdentity = result.ClaimsIdentity.Clone(),
        Issuer = result.Issuer,
        TokenType = result.TokenType,
    };

    private sealed record Validated(TokenValidationResult Result, DateTimeOffset Until);
}
