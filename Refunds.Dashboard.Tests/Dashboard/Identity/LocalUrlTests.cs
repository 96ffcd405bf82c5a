using Refunds.Dashboard.Identity;

namespace Refunds.Dashboard.Tests.Dashboard.Identity;

public class LocalUrlTests
{
    [Theory]
    [InlineData("/")]
    [InlineData("/refunds?status=CREATED")]
    [InlineData("/connect/authorize?client_id=x")]
    public void Paths_on_this_site_are_followed(string url) => Assert.Equal(url, LocalUrl.OrRoot(url));

    [Theory]
    [InlineData("https://evil.example")]
    [InlineData("//evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("javascript:alert(1)")]
    [InlineData("/\r\nLocation: https://evil.example")]
    [InlineData("")]
    [InlineData(null)]
    public void Anything_else_becomes_the_home_page(string? url) => Assert.Equal("/", LocalUrl.OrRoot(url));
}
