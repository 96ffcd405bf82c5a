using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Refunds.Dashboard.Components.Lists;
using Refunds.Dashboard.Tests.Support;

namespace Refunds.Dashboard.Tests.Components.Lists;

public class ListSearchFieldTests : DashboardTestContext
{
    private readonly List<string?> _searched = [];

    // Typing pauses only when the test says so.
    private readonly FakeTimeProvider _clock = new();

    public ListSearchFieldTests() => Services.AddSingleton<TimeProvider>(_clock);

    private IRenderedComponent<ListSearchField> RenderField() =>
        Render<ListSearchField>(p => p
            .Add(x => x.Id, "search")
            .Add(x => x.TextChanged, EventCallback.Factory.Create<string?>(this, text => _searched.Add(text))));

    [Fact]
    public void The_search_applies_once_typing_pauses()
    {
        var field = RenderField();

        field.Find("input").Input("ORD-1");
        Assert.Empty(_searched);
        _clock.Advance(TimeSpan.FromMilliseconds(ListSearchField.DebounceInterval));

        field.WaitForAssertion(() => Assert.Equal(["ORD-1"], _searched));
    }

    [Fact]
    public void Text_typed_just_before_leaving_the_box_is_searched_at_once_and_only_once()
    {
        var field = RenderField();

        field.Find("input").Input("ORD-1");
        field.Find("input").Blur();

        field.WaitForAssertion(() => Assert.Equal(["ORD-1"], _searched));
        // The pause that follows has nothing left to apply.
        _clock.Advance(TimeSpan.FromMilliseconds(ListSearchField.DebounceInterval * 2));
        field.WaitForAssertion(() => Assert.Equal(["ORD-1"], _searched));
    }

    [Fact]
    public void Before_the_page_is_live_the_box_takes_no_typing()
    {
        SetRendererInfo(new RendererInfo("Static", isInteractive: false));

        var field = RenderField();

        Assert.True(field.Find("input").HasAttribute("disabled"));
    }
}
