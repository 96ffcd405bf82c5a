namespace Refunds.Core.Access;

/// <summary>The kinds of operators, and what each may do.</summary>
public static class OperatorRoles
{
    /// <summary>Picks reconciled payments and initiates refunds (the maker).</summary>
    public const string Initiator = "refunds.initiator";

    /// <summary>Reviews refunds made by others and confirms or rejects them (the checker).</summary>
    public const string Approver = "refunds.approver";

    /// <summary>An approver whose approvals also count in tiers that need a senior approver.</summary>
    public const string SeniorApprover = "refunds.senior_approver";

    /// <summary>Manages the approval policy (with a second admin); decides no refunds by this role alone.</summary>
    public const string Admin = "refunds.admin";

    /// <summary>Sees payments and refunds, changes nothing.</summary>
    public const string Viewer = "refunds.viewer";

    public static IReadOnlyList<string> All { get; } = [Initiator, Approver, SeniorApprover, Admin, Viewer];

    /// <summary>The roles an approval tier may ask for.</summary>
    public static IReadOnlyList<string> ApprovalRoles { get; } = [SeniorApprover];

    // Approvers also look after the integrations' webhook endpoints (switch them on and off, send deliveries again).
    private const Permission ApproverPermissions =
        Permission.ReadRefunds | Permission.ApproveRefunds | Permission.ReadPayments | Permission.WritePayments | Permission.ManageWebhooks;

    public static Permission PermissionsOf(IEnumerable<string> roles) =>
        roles.Aggregate(Permission.None, (granted, role) => granted | role switch
        {
            // Both reconcile payments from bank statements (import, match a line by hand).
            Initiator => Permission.ReadRefunds | Permission.WriteRefunds | Permission.ReadPayments | Permission.WritePayments,
            Approver => ApproverPermissions,
            SeniorApprover => ApproverPermissions | Permission.ApproveSeniorRefunds,
            // Reads the refunds and payments the policy applies to; approving refunds takes an approver's role as well.
            Admin => Permission.ReadRefunds | Permission.ReadPayments | Permission.ManageApprovalPolicy | Permission.ManageWebhooks,
            Viewer => Permission.ReadRefunds | Permission.ReadPayments,
            _ => Permission.None,
        });

    /// <summary>What someone must be able to do for their approval to count in a tier that asks for <paramref name="role"/>.</summary>
    public static Permission ApprovalPermissionOf(string role) => role switch
    {
        SeniorApprover => Permission.ApproveSeniorRefunds,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Not a role an approval tier can ask for."),
    };
}
