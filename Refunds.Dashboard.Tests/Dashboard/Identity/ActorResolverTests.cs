using System.Security.Claims;
using Microsoft.Extensions.Options;
using Refunds.Core.Access;
using Refunds.Dashboard.Identity;

namespace Refunds.Dashboard.Tests.Dashboard.Identity;

public class ActorResolverTests
{
    private static ActorResolver Resolver(Action<AuthOptions>? configure = null)
    {
        var options = new AuthOptions();
        configure?.Invoke(options);
        return new ActorResolver(Options.Create(options));
    }

    private static ClaimsIdentity Token(params (string Type, string Value)[] claims) =>
        new(claims.Select(c => new Claim(c.Type, c.Value)), ActorResolver.ApiAuthenticationType);

    [Fact]
    public void A_client_credentials_token_is_the_integration_client_with_its_scopes_as_permissions()
    {
        var actor = Resolver().Resolve(new ClaimsPrincipal(Token(("sub", "integration-maker"), ("name", "Integration maker"),
            ("client_id", "integration-maker"), ("scope", "refunds:read refunds:write"))));

        Assert.Equal(new Actor("integration-maker", "Integration maker", ActorKind.Integration, Permission.ReadRefunds | Permission.WriteRefunds), actor);
    }

    [Fact]
    public void A_persons_token_allows_only_what_both_role_and_scopes_allow()
    {
        var actor = Resolver().Resolve(new ClaimsPrincipal(Token(("sub", "u-1"), ("name", "Ana"), ("client_id", "spa"),
            ("role", OperatorRoles.Approver), ("scope", "refunds:read refunds:write refunds:approve"))));

        Assert.Equal((ActorKind.Person, Permission.ReadRefunds | Permission.ApproveRefunds), (actor.Kind, actor.Permissions));
    }

    [Fact]
    public void An_external_providers_role_names_map_onto_ours_at_sign_in()
    {
        var resolver = Resolver(o =>
        {
            o.RoleClaimType = "roles";
            o.Roles.Approver = "Refunds.Approve";
            o.Roles.Initiator = "Refunds.Initiate";
        });
        var fromProvider = new ClaimsIdentity([new Claim("sub", "oid-42"), new Claim("name", "Omar"), new Claim("roles", "Refunds.Approve"), new Claim("roles", "Unrelated")], "oidc");

        var actor = resolver.Resolve(resolver.OperatorSession(fromProvider));

        Assert.Equal(new Actor("oid-42", "Omar", ActorKind.Person,
            Permission.ReadRefunds | Permission.ApproveRefunds | Permission.ReadPayments | Permission.WritePayments | Permission.ManageWebhooks), actor);
    }

    [Fact]
    public void An_operator_without_a_known_role_may_do_nothing()
    {
        var resolver = Resolver();
        var session = resolver.OperatorSession(new ClaimsIdentity([new Claim("sub", "x"), new Claim("role", "admin")], "oidc"));

        Assert.Equal(Permission.None, resolver.Resolve(session).Permissions);
    }

    [Fact]
    public void Nobody_signed_in_may_do_nothing() =>
        Assert.Equal(Permission.None, Resolver().Resolve(new ClaimsPrincipal(new ClaimsIdentity())).Permissions);
}
