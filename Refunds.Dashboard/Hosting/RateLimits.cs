using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Refunds.Dashboard.Endpoints;
using Refunds.Dashboard.Identity;
using Refunds.Dashboard.Identity.BuiltInProvider;

namespace Refunds.Dashboard.Hosting;

/// <summary>Section <c>RateLimits</c>: requests allowed per minute, by all instances together.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>REST calls per integration client (or per address when no valid token is sent).</summary>
    [Range(1, 10_000_000)]
    public int ApiPerClientPerMinute { get; set; } = 1200;

    /// <summary>Token requests per address at the built-in provider's token endpoint.</summary>
    [Range(1, 100_000)]
    public int TokenPerAddressPerMinute { get; set; } = 60;

    /// <summary>Sign-in form posts per address (each username is also locked after repeated failures).</summary>
    [Range(1, 100_000)]
    public int SignInPerAddressPerMinute { get; set; } = 30;
}

/// <summary>
/// The request limits, counted across instances (<see cref="SharedRateLimiter"/>): a refused request
/// gets <c>429</c> with <c>Retry-After</c>, in the API's error shape on API paths.
/// </summary>
public static class RateLimits
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    public static WebApplicationBuilder AddRefundsRateLimits(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        // Redis's counters when the cluster registered them (ConnectionStrings:Redis), else the database's.
        builder.Services.TryAddSingleton<IRateCounterStore, DatabaseRateCounterStore>();
        builder.Services.AddSingleton<RateCounters>();
        builder.Services.AddSingleton<SharedRateLimiter>();
        return builder;
    }

    /// <summary>Limits by address, before authentication; then by API client, after it.</summary>
    public static WebApplication UseRefundsRateLimits(this WebApplication app, Action authenticate)
    {
        // Before authentication: the provider answers token requests while authenticating.
        app.UseMiddleware<AddressLimiter>();
        authenticate();
        app.UseMiddleware<ApiClientLimiter>();
        return app;
    }

    /// <summary>Token requests and sign-in form posts per address.</summary>
    internal sealed class AddressLimiter(RequestDelegate next, SharedRateLimiter limiter, IOptions<RateLimitOptions> options)
    {
        public async Task InvokeAsync(HttpContext http)
        {
            var limits = options.Value;
            var address = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
            (string Key, int PerMinute)? limit =
                http.Request.Path.StartsWithSegments("/connect/token") ? ("token:" + address, limits.TokenPerAddressPerMinute)
                : http.Request.Path.StartsWithSegments(ProviderEndpoints.LoginPath) && HttpMethods.IsPost(http.Request.Method) ? ("sign-in:" + address, limits.SignInPerAddressPerMinute)
                : null;
            if (limit is not { } applies)
            {
                await next(http);
                return;
            }
            await ThenAsync(http, next, await limiter.AcquireAsync(applies.Key, applies.PerMinute, Window, http.RequestAborted));
        }
    }

    /// <summary>REST calls per integration client: a valid token names its client; anything else counts against the address.</summary>
    internal sealed class ApiClientLimiter(RequestDelegate next, SharedRateLimiter limiter, ActorResolver actors, IOptions<RateLimitOptions> options)
    {
        public async Task InvokeAsync(HttpContext http)
        {
            if (!ApiHosting.IsApiPath(http.Request.Path))
            {
                await next(http);
                return;
            }
            var client = http.User.Identity is { IsAuthenticated: true, AuthenticationType: ActorResolver.ApiAuthenticationType }
                ? "api-client:" + actors.Resolve(http.User).Id
                : "api-address:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
            await ThenAsync(http, next, await limiter.AcquireAsync(client, options.Value.ApiPerClientPerMinute, Window, http.RequestAborted));
        }
    }

    private static async Task ThenAsync(HttpContext http, RequestDelegate next, RateDecision decision)
    {
        if (decision.IsAllowed)
        {
            await next(http);
            return;
        }
        var seconds = Math.Max(1, (int)Math.Ceiling(decision.RetryAfter.TotalSeconds));
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var message = $"Too many requests; try again in {seconds} seconds.";
        if (ApiHosting.IsApiPath(http.Request.Path))
        {
            var clock = http.RequestServices.GetRequiredService<TimeProvider>();
            await http.Response.WriteAsJsonAsync(new ApiError("TOO_MANY_REQUESTS", message, clock.GetUtcNow()), http.RequestAborted);
        }
        else
        {
            await http.Response.WriteAsync(message, http.RequestAborted);
        }
    }
}
