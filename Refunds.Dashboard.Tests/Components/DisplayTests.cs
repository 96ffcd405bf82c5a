using Refunds.Dashboard.Components;

namespace Refunds.Dashboard.Tests.Components;

public class DisplayTests
{
    [Fact]
    public void Short_ids_of_refunds_made_in_the_same_minute_differ()
    {
        var at = DateTimeOffset.UtcNow;
        var ids = Enumerable.Range(0, 50).Select(_ => Guid.CreateVersion7(at)).ToList();

        Assert.Equal(ids.Count, ids.Select(Display.ShortId).Distinct().Count());
    }
}
