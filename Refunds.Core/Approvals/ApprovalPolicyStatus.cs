namespace Refunds.Core.Approvals;

/// <summary>Where a version of the approval policy stands.</summary>
public enum ApprovalPolicyStatus
{
    /// <summary>Proposed by an admin, awaiting another admin's decision.</summary>
    Proposed,
    /// <summary>In force: new refunds take their requirement from it.</summary>
    Active,
    /// <summary>Was in force until a later version was approved.</summary>
    Superseded,
    /// <summary>Proposed and turned down; never in force.</summary>
    Rejected,
}
