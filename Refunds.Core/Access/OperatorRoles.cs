namespace Refunds.Core.Access;

/// <summary>The three kinds of operators, and what each may do.</summary>
public static class OperatorRoles
{
    /// <summary>Picks reconciled payments and initiates refunds (the maker).</summary>
    public const string Initiator = "refunds.initiator";

    /// <summary>Reviews refunds made by others and confirms or rejects them (the checker).</summary>
    public const string Approver = "refunds.approver";

    /// <summary>Sees payments and refunds, changes nothing.</summary>
    public const string Viewer = "refunds.viewer";

    public static IReadOnlyList<string> All { get; } = [Initiator, Approver, Viewer];

    public static Permission PermissionsOf(IEnumerable<string> roles) =>
        roles.Aggregate(Permission.None, (granted, role) => granted | role switch
        {
            // Both reconcile payments from bank statements (import, match a line by hand).
            Initiator => Permission.ReadRefunds | Permission.WriteRefunds | Permission.ReadPayments | Permission.WritePayments,
            // They also look after the integrations' webhook endpoints (switch them on and off, send deliveries again).
            Approver => Permission.ReadRefunds | Permission.ApproveRefunds | Permission.ReadPayments | Permission.WritePayments | Permission.ManageWebhooks,
            Viewer => Permission.ReadRefunds | Permission.ReadPayments,
            _ => Permission.None,
        });
}
