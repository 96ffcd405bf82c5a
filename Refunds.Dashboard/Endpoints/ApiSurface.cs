using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Refunds.Core;

namespace Refunds.Dashboard.Endpoints;

/// <summary>
/// One REST API surface: the paths it owns and its own error shape. Refused engine calls, missing
/// tokens and scopes, bare 404/405/415 and unexpected failures on its paths all answer through
/// <see cref="Error"/>; what to say is decided once, in <see cref="ApiSurfaceExtensions"/> and
/// <see cref="ApiHosting"/>, and each surface only shapes it.
/// </summary>
public abstract class ApiSurface(params string[] paths)
{
    /// <summary>The path prefixes this surface answers for, even where no endpoint matched.</summary>
    public IReadOnlyList<PathString> Paths { get; } = paths.Select(p => new PathString(p)).ToList();

    /// <summary>The HTTP status of an engine error on this surface.</summary>
    public abstract int StatusOf(RuleViolation violation);

    /// <summary>The body of an error on this surface. <paramref name="violation"/> is set when the engine refused the request.</summary>
    public abstract object Error(int status, string code, string message, RuleViolation? violation, DateTimeOffset at);

    /// <summary>A one-item request refused by the engine: the item's own message, without the batch's "Item 0:" wording.</summary>
    protected static string? OneItemMessage(RuleViolation? violation) =>
        violation is BatchViolation { Items: [var only] } ? only.Message : null;

    public IResult Refused(RuleViolation violation, TimeProvider clock)
    {
        var status = StatusOf(violation);
        return Results.Json(Error(status, WireName.Of(violation.Code), violation.Message, violation, clock.GetUtcNow()), statusCode: status);
    }

    /// <summary>Writes an error in this surface's shape where the response is written by hand (middleware, auth events).</summary>
    public Task WriteAsync(HttpContext http, int status, string code, string message)
    {
        http.Response.StatusCode = status;
        var clock = http.RequestServices.GetRequiredService<TimeProvider>();
        var body = Error(status, code, message, null, clock.GetUtcNow());
        return http.Response.WriteAsJsonAsync(body, body.GetType());
    }
}

/// <summary>The Lean-shaped API (<c>/payouts</c>, <c>/payout-files</c>, <c>/payments</c>, <c>/statements</c>, <c>/analytics</c>, <c>/webhooks</c>) and its one error shape, <see cref="ApiError"/>.</summary>
public sealed class LeanApiSurface : ApiSurface
{
    public static readonly LeanApiSurface Instance = new();

    // "/v1" paths that no seed surface owns (a mistyped path) answer in Lean's shape, the API's own.
    private LeanApiSurface()
        : base("/payouts", "/payout-files", "/payments", "/statements", "/analytics", "/simulated-bank", "/webhooks", "/v1")
    {
    }

    public override int StatusOf(RuleViolation violation) => ApiError.HttpStatusOf(violation.Code);

    public override object Error(int status, string code, string message, RuleViolation? violation, DateTimeOffset at) =>
        new ApiError(code, message, at, (violation as BatchViolation)?.Items.Select(i => new ApiItemError(i.Index, WireName.Of(i.Code), i.Message)).ToList());
}

public static class ApiSurfaceExtensions
{
    /// <summary>Marks a group as part of the Lean-shaped API.</summary>
    public static RouteGroupBuilder AsApiSurface(this RouteGroupBuilder group) => group.AsApiSurface(LeanApiSurface.Instance);

    /// <summary>Marks a group as part of <paramref name="surface"/>: its errors answer in that surface's shape.</summary>
    public static RouteGroupBuilder AsApiSurface(this RouteGroupBuilder group, ApiSurface surface)
    {
        group.WithMetadata(surface);
        group.AddEndpointFilter<ApiErrorFilter>();
        return group;
    }

    /// <summary>401s of the API carry the error shape too (JwtBearer would answer with an empty body).</summary>
    public static void WriteChallengeAsError(JwtBearerEvents events)
    {
        events.OnChallenge = async context =>
        {
            context.HandleResponse();
            context.Response.Headers.WWWAuthenticate = context.Error is null ? "Bearer" : $"Bearer error=\"{context.Error}\"";
            var message = context.AuthenticateFailure is null
                ? "A bearer token is required: Authorization: Bearer <access token>."
                : "The bearer token is not valid (expired, tampered with, or not issued for this API).";
            await ApiHosting.SurfaceOf(context.HttpContext).WriteAsync(context.HttpContext, StatusCodes.Status401Unauthorized, "UNAUTHORIZED", message);
        };
    }
}

/// <summary>A token without the needed scope gets a 403 in the surface's shape, naming the scope.</summary>
internal sealed class ApiAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult result)
    {
        if (result.Forbidden && context.GetEndpoint()?.Metadata.GetMetadata<ApiSurface>() is { } surface)
        {
            var missing = policy.Requirements.OfType<Identity.PermissionRequirement>()
                .Select(r => Core.Access.ApiScopes.ScopeOf(r.Permission)).FirstOrDefault();
            await surface.WriteAsync(context, StatusCodes.Status403Forbidden, WireName.Of(ErrorCode.OperationNotAllowed),
                $"Operation Not Allowed, the token lacks the scope {missing}.");
            return;
        }
        await _default.HandleAsync(next, context, policy, result);
    }
}
