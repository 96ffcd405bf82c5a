using Refunds.Core.Approvals;

namespace Refunds.Dashboard.Tests.Core.Approvals;

public class ApprovalProgressTests
{
    [Fact]
    public void Two_readings_of_the_same_approvals_are_equal_so_a_list_row_read_again_unchanged_is_kept()
    {
        var first = new ApprovalProgress(2, null, ["checker"]);

        Assert.Equal(first, new ApprovalProgress(2, null, new List<string> { "checker" }));
        Assert.Equal(first.GetHashCode(), new ApprovalProgress(2, null, new List<string> { "checker" }).GetHashCode());
        Assert.NotEqual(first, new ApprovalProgress(2, null, ["checker", "checker-2"]));
    }
}
