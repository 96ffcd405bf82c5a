using System.ComponentModel.DataAnnotations;

namespace Refunds.Dashboard.Identity;

/// <summary>
/// Section <c>Auth</c>: the OpenID Connect provider operators sign in with and integrations get tokens
/// from. With no <see cref="Authority"/>, the dashboard's built-in provider is used.
/// </summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>The external provider's issuer URL (Entra ID, Keycloak, Okta, Auth0). Empty: the built-in provider.</summary>
    public string? Authority { get; set; }

    [Required]
    public string ClientId { get; set; } = "refunds-dashboard";

    public string? ClientSecret { get; set; }

    /// <summary>The <c>aud</c> access tokens for the REST API must carry.</summary>
    [Required]
    public string ApiAudience { get; set; } = "refunds-api";

    /// <summary>The claim that carries a person's roles in the provider's tokens.</summary>
    [Required]
    public string RoleClaimType { get; set; } = "role";

    /// <summary>The claim that carries an access token's scopes (<c>scp</c> on Entra ID).</summary>
    [Required]
    public string ScopeClaimType { get; set; } = "scope";

    /// <summary>The claim with a person's display name.</summary>
    [Required]
    public string NameClaimType { get; set; } = "name";

    /// <summary>
    /// The provider's role names for our roles, when they differ (for example an Entra app role
    /// "Refunds.Approve" for <c>refunds.approver</c>). Keys: Initiator, Approver, SeniorApprover, Admin, Viewer.
    /// </summary>
    public RoleNames Roles { get; set; } = new();

    /// <summary>Extra scopes the dashboard asks the provider for at sign-in (besides openid and profile).</summary>
    public string[] Scopes { get; set; } = [];

    /// <summary>
    /// Whether the provider's metadata must come over https. Default: yes for an external provider,
    /// no for the built-in one (which runs on the local http address).
    /// </summary>
    public bool? RequireHttpsMetadata { get; set; }

    /// <summary>An operator's session ends after this long without a request (sliding).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "12:00:00")]
    public TimeSpan SessionTimeout { get; set; } = TimeSpan.FromMinutes(30);

    public bool UsesBuiltInProvider => string.IsNullOrWhiteSpace(Authority);

    public sealed class RoleNames
    {
        [Required]
        public string Initiator { get; set; } = Core.Access.OperatorRoles.Initiator;

        [Required]
        public string Approver { get; set; } = Core.Access.OperatorRoles.Approver;

        [Required]
        public string SeniorApprover { get; set; } = Core.Access.OperatorRoles.SeniorApprover;

        [Required]
        public string Admin { get; set; } = Core.Access.OperatorRoles.Admin;

        [Required]
        public string Viewer { get; set; } = Core.Access.OperatorRoles.Viewer;
    }
}
