using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Refunds.Core;
using Refunds.Dashboard.Endpoints;
using Refunds.Dashboard.Identity;
using Refunds.Dashboard.Identity.BuiltInProvider;

namespace Refunds.Dashboard.Hosting;

/// <summary>Section <c>RateLimits</c>: requests allowed per minute.</summary>
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

public static class RateLimits
{
    public static WebApplicationBuilder AddRefundsRateLimits(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = OnRejectedAsync;
            // Before authentication: the provider answers token requests while authenticating.
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(ByAddress);
        });
        return builder;
    }

    /// <summary>Limits by address, before authentication; then by API client, after it.</summary>
    public static WebApplication UseRefundsRateLimits(this WebApplication app, Action authenticate)
    {
        app.UseRateLimiter();
        authenticate();
        app.UseMiddleware<ApiClientLimiter>();
        return app;
    }

    private static RateLimitPartition<string> ByAddress(HttpContext http)
    {
        var limits = http.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
        var address = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (http.Request.Path.StartsWithSegments("/connect/token"))
            return PerMinute("token:" + address, limits.TokenPerAddressPerMinute);
        if (http.Request.Path.StartsWithSegments(ProviderEndpoints.LoginPath) && HttpMethods.IsPost(http.Request.Method))
            return PerMinute("sign-in:" + address, limits.SignInPerAddressPerMinute);
        return RateLimitPartition.GetNoLimiter("unlimited");
    }

    /// <summary>REST calls per integration client: a valid token names its client; anything else counts against the address.</summary>
    internal sealed class ApiClientLimiter(RequestDelegate next, ActorResolver actors, IOptions<RateLimitOptions> options) : IAsyncDisposable
    {
        private readonly PartitionedRateLimiter<HttpContext> _limiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
        {
            var client = http.User.Identity is { IsAuthenticated: true, AuthenticationType: ActorResolver.ApiAuthenticationType }
                ? "api-client:" + actors.Resolve(http.User).Id
                : "api-address:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
            return PerMinute(client, options.Value.ApiPerClientPerMinute);
        });

        public async Task InvokeAsync(HttpContext http)
        {
            if (!ApiHosting.IsApiPath(http.Request.Path))
            {
                await next(http);
                return;
            }
            using var lease = await _limiter.AcquireAsync(http, 1, http.RequestAborted);
            if (lease.IsAcquired)
            {
                await next(http);
                return;
            }
            http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            await OnRejectedAsync(new OnRejectedContext { HttpContext = http, Lease = lease }, http.RequestAborted);
        }

        public ValueTask DisposeAsync() => _limiter.DisposeAsync();
    }

    private static RateLimitPartition<string> PerMinute(string key, int permits) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });

    private static async ValueTask OnRejectedAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
        var seconds = (int)Math.Ceiling(retryAfter.TotalSeconds);
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var message = $"Too many requests; try again in {seconds} seconds.";
        if (ApiHosting.IsApiPath(http.Request.Path))
        {
            var clock = http.RequestServices.GetRequiredService<TimeProvider>();
            await http.Response.WriteAsJsonAsync(new ApiError("TOO_MANY_REQUESTS", message, clock.GetUtcNow()), cancellationToken);
        }
        else
        {
            await http.Response.WriteAsync(message, cancellationToken);
        }
    }
}
