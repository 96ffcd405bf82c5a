using System.Net;
using Refunds.Dashboard.Tests.Support;
using static Refunds.Dashboard.Tests.Support.ApiFactory;

namespace Refunds.Dashboard.Tests.Dashboard.Hardening;

public class RateLimitTests(RateLimitTests.Factory api) : IClassFixture<RateLimitTests.Factory>
{
    public sealed class Factory : ApiFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings =>
        [
            new("RateLimits:ApiPerClientPerMinute", "5"),
            new("RateLimits:TokenPerAddressPerMinute", "4"),
        ];
    }

    /// <summary>Each test spends a budget, so each gets its own app.</summary>
    public sealed class TokenFactory : ApiFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings => [new("RateLimits:TokenPerAddressPerMinute", "4")];
    }

    [Fact]
    public async Task A_client_over_its_api_limit_gets_429_with_Retry_After_in_the_error_shape_while_others_go_on()
    {
        var maker = await api.Maker();
        var checker = await api.Checker();
        for (var i = 0; i < 5; i++) Assert.Equal(HttpStatusCode.OK, (await maker.GetAsync("/payouts/refunds/reasons")).StatusCode);

        var limited = await maker.GetAsync("/payouts/refunds/reasons");

        await AssertError(limited, HttpStatusCode.TooManyRequests, "TOO_MANY_REQUESTS");
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal(HttpStatusCode.OK, (await checker.GetAsync("/payouts/refunds/reasons")).StatusCode);
    }
}

public class TokenRateLimitTests(RateLimitTests.TokenFactory api) : IClassFixture<RateLimitTests.TokenFactory>
{
    [Fact]
    public async Task The_token_endpoint_is_limited_per_address()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            var response = await api.CreateClient().PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials", ["client_id"] = "integration-maker", ["client_secret"] = "wrong",
            }));
            statuses.Add(response.StatusCode);
        }

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
    }
}
