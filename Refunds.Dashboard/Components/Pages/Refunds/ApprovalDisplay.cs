using Refunds.Core.Access;
using Refunds.Core.Approvals;
using Refunds.Core.Refunds;

namespace Refunds.Dashboard.Components.Pages.Refunds;

/// <summary>The words operators see for a refund's approvals.</summary>
public static class ApprovalDisplay
{
    /// <summary>"1 of 2 approvals" (with the role its tier asks for) on a refund awaiting several; null where one approval is all it needs.</summary>
    public static string? Progress(ApprovalProgress progress, RefundStatus status) =>
        status != RefundStatus.Created || (progress.Required == 1 && progress.Role is null)
            ? null
            : $"{progress.Given} of {progress.Required} approval{(progress.Required == 1 ? "" : "s")}{RoleNote(progress.Role)}";

    /// <summary>What a refund of the amount will need once initiated, said to the initiator before they submit.</summary>
    public static string Requirement(ApprovalRequirement requirement) =>
        requirement.Approvals == 1 && requirement.Role is null
            ? "A reviewer other than you will approve it."
            : $"This amount needs {requirement.Approvals} approval{(requirement.Approvals == 1 ? "" : "s")} from different reviewers other than you"
              + (requirement.Role is { } role ? $", each a {RoleName(role)} ({role})." : ".");

    /// <summary>What became of an approval given: the refund approved, or the approval recorded and how many it still awaits.</summary>
    public static string Outcome(Refund refund) =>
        refund.Status == RefundStatus.Approved
            ? "approved and queued for bank processing"
            : $"approval recorded ({refund.ApprovalProgress.Given} of {refund.ApprovalsRequired}); it awaits {refund.ApprovalProgress.Missing} more";

    private static string RoleNote(string? role) => role is null ? "" : $", {RoleName(role)}s";

    private static string RoleName(string role) => role == OperatorRoles.SeniorApprover ? "senior approver" : role;
}
