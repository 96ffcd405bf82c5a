using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Refunds.Core;

namespace Refunds.Dashboard.Endpoints;

/// <summary>
/// Marks endpoints as part of the REST API: refused engine calls, missing tokens and missing scopes
/// all answer in the API's error shape.
/// </summary>
public sealed class ApiSurface
{
    public static readonly ApiSurface Instance = new();

    private ApiSurface()
    {
    }
}

public static class ApiSurfaceExtensions
{
    public static RouteGroupBuilder AsApiSurface(this RouteGroupBuilder group)
    {
        group.WithMetadata(ApiSurface.Instance);
        group.AddEndpointFilter<ApiErrorFilter>();
        return group;
    }

    /// <summary>401s of the API carry the error shape too (JwtBearer would answer with an empty body).</summary>
    public static void WriteChallengeAsError(JwtBearerEvents events)
    {
        events.OnChallenge = async context =>
        {
            context.HandleResponse();
            var clock = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>();
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = context.Error is null ? "Bearer" : $"Bearer error=\"{context.Error}\"";
            var message = context.AuthenticateFailure is null
                ? "A bearer token is required: Authorization: Bearer <access token>."
                : "The bearer token is not valid (expired, tampered with, or not issued for this API).";
            await context.Response.WriteAsJsonAsync(new ApiError("UNAUTHORIZED", message, clock.GetUtcNow()));
        };
    }
}

/// <summary>A token without the needed scope gets a 403 in the API's shape, naming the scope.</summary>
internal sealed class ApiAuthorizationResultHandler(TimeProvider clock) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult result)
    {
        if (result.Forbidden && context.GetEndpoint()?.Metadata.GetMetadata<ApiSurface>() is not null)
        {
            var missing = policy.Requirements.OfType<Identity.PermissionRequirement>()
                .Select(r => Core.Access.ApiScopes.ScopeOf(r.Permission)).FirstOrDefault();
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await context.Response.WriteAsJsonAsync(new ApiError(WireName.Of(ErrorCode.OperationNotAllowed),
                $"Operation Not Allowed, the token lacks the scope {missing}.", clock.GetUtcNow()));
            return;
        }
        await _default.HandleAsync(next, context, policy, result);
    }
}
