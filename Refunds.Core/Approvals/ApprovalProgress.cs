namespace Refunds.Core.Approvals;

/// <summary>How far a refund is with its approvals: what it needs, and who has approved it so far.</summary>
/// <param name="Required">How many distinct reviewers, never its maker, must approve it.</param>
/// <param name="Role">The role each of them must hold, if its tier asks for one.</param>
/// <param name="ApprovedBy">The reviewers who have approved it, oldest first.</param>
public sealed record ApprovalProgress(int Required, string? Role, IReadOnlyList<string> ApprovedBy)
{
    public int Given => ApprovedBy.Count;

    /// <summary>How many more approvals it needs before it is paid.</summary>
    public int Missing => Math.Max(0, Required - Given);

    // A value, reviewers included: a list row read again unchanged equals the one shown (ADR-014).
    public bool Equals(ApprovalProgress? other) =>
        other is not null && Required == other.Required && Role == other.Role && ApprovedBy.SequenceEqual(other.ApprovedBy, StringComparer.Ordinal);

    public override int GetHashCode() => HashCode.Combine(Required, Role, ApprovedBy.Count);
}
