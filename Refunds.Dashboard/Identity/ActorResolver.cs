using System.Security.Claims;
using Microsoft.Extensions.Options;
using Refunds.Core.Access;

namespace Refunds.Dashboard.Identity;

/// <summary>
/// Turns a signed-in principal into the engine's <see cref="Actor"/>: an operator's roles, or an
/// integration's scopes, become permissions. The engine then enforces them.
/// </summary>
public sealed class ActorResolver(IOptions<AuthOptions> options)
{
    /// <summary>The authentication type of an operator's cookie session.</summary>
    public const string OperatorAuthenticationType = "Refunds.Operator";

    /// <summary>The authentication type of a REST caller's bearer token.</summary>
    public const string ApiAuthenticationType = "Refunds.Api";

    /// <summary>The claim holding our role names on an operator's session (the provider's are mapped at sign-in).</summary>
    public const string RoleClaim = "refunds_role";

    public const string SubjectClaim = "sub";
    public const string ClientIdClaim = "client_id";

    public Actor Resolve(ClaimsPrincipal principal)
    {
        var identity = principal.Identities.FirstOrDefault(i => i.IsAuthenticated);
        if (identity is null) return new Actor("anonymous", "Anonymous", ActorKind.Person, Permission.None);

        var auth = options.Value;
        var subject = identity.FindFirst(SubjectClaim)?.Value ?? "unknown";
        var name = identity.FindFirst(auth.NameClaimType)?.Value ?? subject;
        if (identity.AuthenticationType != ApiAuthenticationType)
            return new Actor(subject, name, ActorKind.Person, OperatorRoles.PermissionsOf(identity.FindAll(RoleClaim).Select(c => c.Value)));

        var scopes = ApiScopes.PermissionsOf(identity.FindAll(auth.ScopeClaimType).SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)));
        var roles = ProviderRoles(identity);
        // A client-credentials token carries no person's roles: the client itself is the maker or checker.
        if (roles.Count == 0)
            return new Actor(identity.FindFirst(ClientIdClaim)?.Value ?? subject, name, ActorKind.Integration, scopes);
        // A person's token may do what both their role and the token's scopes allow.
        return new Actor(subject, name, ActorKind.Person, scopes & OperatorRoles.PermissionsOf(roles));
    }

    /// <summary>The provider's role claims read as our role names; names that are not ours are left out.</summary>
    public IReadOnlyList<string> ProviderRoles(ClaimsIdentity identity)
    {
        var names = options.Value.Roles;
        return identity.FindAll(options.Value.RoleClaimType)
            .Select(c => c.Value)
            .Select(role => role == names.Initiator ? OperatorRoles.Initiator
                : role == names.Approver ? OperatorRoles.Approver
                : role == names.SeniorApprover ? OperatorRoles.SeniorApprover
                : role == names.Admin ? OperatorRoles.Admin
                : role == names.Viewer ? OperatorRoles.Viewer
                : null)
            .OfType<string>()
            .Distinct()
            .ToList();
    }

    /// <summary>
    /// The operator session made from a provider's ID token: subject, display name and our role names
    /// only, so the session cookie stays small and every page reads roles one way.
    /// </summary>
    public ClaimsPrincipal OperatorSession(ClaimsIdentity fromProvider)
    {
        var session = new ClaimsIdentity(OperatorAuthenticationType, options.Value.NameClaimType, RoleClaim);
        var subject = fromProvider.FindFirst(SubjectClaim)?.Value
            ?? throw new InvalidOperationException("The identity provider's token has no 'sub' claim.");
        session.AddClaim(new Claim(SubjectClaim, subject));
        session.AddClaim(new Claim(options.Value.NameClaimType, fromProvider.FindFirst(options.Value.NameClaimType)?.Value ?? subject));
        foreach (var role in ProviderRoles(fromProvider)) session.AddClaim(new Claim(RoleClaim, role));
        return new ClaimsPrincipal(session);
    }
}
