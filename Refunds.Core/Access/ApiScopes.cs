using System.Collections.Frozen;

namespace Refunds.Core.Access;

/// <summary>The OAuth scopes of the REST API; each grants exactly one permission.</summary>
public static class ApiScopes
{
    public const string RefundsRead = "refunds:read";
    public const string RefundsWrite = "refunds:write";
    public const string RefundsApprove = "refunds:approve";
    /// <summary>Together with refunds:approve, lets a client's approvals count in tiers that need a senior approver.</summary>
    public const string RefundsApproveSenior = "refunds:approve_senior";
    public const string PolicyWrite = "policy:write";
    public const string PaymentsRead = "payments:read";
    public const string PaymentsWrite = "payments:write";
    public const string WebhooksManage = "webhooks:manage";

    private static readonly FrozenDictionary<string, Permission> Grants = new Dictionary<string, Permission>
    {
        [RefundsRead] = Permission.ReadRefunds,
        [RefundsWrite] = Permission.WriteRefunds,
        [RefundsApprove] = Permission.ApproveRefunds,
        [RefundsApproveSenior] = Permission.ApproveSeniorRefunds,
        [PolicyWrite] = Permission.ManageApprovalPolicy,
        [PaymentsRead] = Permission.ReadPayments,
        [PaymentsWrite] = Permission.WritePayments,
        [WebhooksManage] = Permission.ManageWebhooks,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static IReadOnlyCollection<string> All => Grants.Keys;

    public static Permission PermissionsOf(IEnumerable<string> scopes) =>
        scopes.Aggregate(Permission.None, (granted, scope) => granted | Grants.GetValueOrDefault(scope));

    /// <summary>The scope that grants a permission (for 403 messages and policies).</summary>
    public static string ScopeOf(Permission permission) => Grants.Single(g => g.Value == permission).Key;
}
