namespace Refunds.Core.Access;

/// <summary>
/// What an actor may do. The REST scopes name them one to one (<c>refunds:approve</c>); operator roles
/// are mapped onto them by the dashboard.
/// </summary>
[Flags]
public enum Permission
{
    None = 0,
    ReadRefunds = 1,
    /// <summary>Create refunds and cancel one's own.</summary>
    WriteRefunds = 2,
    /// <summary>Approve or reject refunds made by someone else.</summary>
    ApproveRefunds = 4,
    ReadPayments = 8,
    /// <summary>Ingest payments and mark them reconciled.</summary>
    WritePayments = 16,
    /// <summary>Add and deactivate reason codes.</summary>
    ManageReasonCodes = 32,
    /// <summary>Approve refunds whose approval tier asks for a senior approver.</summary>
    ApproveSeniorRefunds = 64,
    /// <summary>Propose approval policies, and approve or reject another admin's proposal.</summary>
    ManageApprovalPolicy = 128,
    /// <summary>Register webhook endpoints (integrations: their own), switch them on and off, send deliveries again.</summary>
    ManageWebhooks = 256,
}
