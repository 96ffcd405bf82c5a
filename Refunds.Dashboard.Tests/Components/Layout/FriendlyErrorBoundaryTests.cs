using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Refunds.Dashboard.Components.Layout;
using Refunds.Dashboard.Tests.Support;

namespace Refunds.Dashboard.Tests.Components.Layout;

public class FriendlyErrorBoundaryTests : DashboardTestContext
{
    /// <summary>A page whose button fails the way an unexpected bug would.</summary>
    private sealed class FailingPage : ComponentBase
    {
        protected override void BuildRenderTree(Microsoft.AspNetCore.Components.Rendering.RenderTreeBuilder builder)
        {
            builder.OpenElement(0, "button");
            builder.AddAttribute(1, "id", "fail");
            builder.AddAttribute(2, "onclick", EventCallback.Factory.Create<MouseEventArgs>(this, () => throw new InvalidOperationException("boom")));
            builder.AddContent(3, "Do it");
            builder.CloseElement();
        }
    }

    [Fact]
    public void An_unexpected_failure_shows_a_friendly_message_with_a_reference_instead_of_the_page()
    {
        SignInAsViewer();
        var boundary = Render<FriendlyErrorBoundary>(p => p.AddChildContent<FailingPage>());

        boundary.Find("#fail").Click();

        boundary.WaitForAssertion(() => Assert.Contains("Something went wrong", boundary.Markup));
        Assert.Empty(boundary.FindAll("#fail"));
        Assert.DoesNotContain("boom", boundary.Markup);
        Assert.Matches("quote reference <strong>[0-9A-F]{8}</strong>", boundary.Markup);
    }
}
