using Refunds.Core;

namespace Refunds.Dashboard.Tests.Support;

/// <summary>Runs an engine call that must be refused, and gives back the named error it was refused with.</summary>
public static class Refused
{
    public static async Task<RuleViolation> By(Func<Task> act) => await Assert.ThrowsAnyAsync<RuleViolation>(act);

    /// <summary>The error code of a refused call; for a batch, the code of its (single) failing item.</summary>
    public static async Task<ErrorCode> CodeOf(Func<Task> act)
    {
        var violation = await By(act);
        return violation is BatchViolation batch ? Assert.Single(batch.Items).Code : violation.Code;
    }
}
