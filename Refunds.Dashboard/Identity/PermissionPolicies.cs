using Microsoft.AspNetCore.Authorization;
using Refunds.Core.Access;

namespace Refunds.Dashboard.Identity;

/// <summary>
/// Authorization policies named after the engine's permissions. Pages use the operator session,
/// REST endpoints only bearer tokens (a browser cookie never authorizes an API call).
/// </summary>
public static class PermissionPolicies
{
    public const string ApiPrefix = "api:";

    /// <summary>The policy a REST endpoint needing <paramref name="permission"/> names (the scope, e.g. <c>api:refunds:read</c>).</summary>
    public static string Api(Permission permission) => ApiPrefix + ApiScopes.ScopeOf(permission);

    /// <summary>The policy a page or page action needing <paramref name="permission"/> names.</summary>
    public static string Operator(Permission permission) => "operator:" + permission;

    public static void Add(AuthorizationOptions options, string apiScheme, string operatorScheme)
    {
        foreach (var scope in ApiScopes.All)
        {
            var permission = ApiScopes.PermissionsOf([scope]);
            options.AddPolicy(Api(permission), policy => policy
                .AddAuthenticationSchemes(apiScheme)
                .RequireAuthenticatedUser()
                .AddRequirements(new PermissionRequirement(permission)));
        }
        foreach (var permission in Enum.GetValues<Permission>().Where(p => p != Permission.None))
        {
            options.AddPolicy(Operator(permission), policy => policy
                .AddAuthenticationSchemes(operatorScheme)
                .RequireAuthenticatedUser()
                .AddRequirements(new PermissionRequirement(permission)));
        }
    }
}

/// <summary>Met when the caller, as the engine sees them, holds the permission.</summary>
public sealed record PermissionRequirement(Permission Permission) : IAuthorizationRequirement;

internal sealed class PermissionHandler(ActorResolver actors) : AuthorizationHandler<PermissionRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, PermissionRequirement requirement)
    {
        if (actors.Resolve(context.User).Can(requirement.Permission)) context.Succeed(requirement);
        return Task.CompletedTask;
    }
}
