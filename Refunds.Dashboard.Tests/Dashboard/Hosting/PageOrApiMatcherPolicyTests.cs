using System.Net;
using System.Net.Http.Headers;
using Refunds.Dashboard.Tests.Support;

namespace Refunds.Dashboard.Tests.Dashboard.Hosting;

public class PageOrApiMatcherPolicyTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task A_browser_asking_for_payments_gets_the_Payments_tab()
    {
        var browser = new BrowserSession(api);
        await browser.SignInAsync("viewer");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/payments");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));

        var response = await browser.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<title>Payments · Refunds</title>", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_API_client_asking_for_payments_gets_the_JSON_list()
    {
        var response = await (await api.Maker()).GetAsync("/payments");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_request_that_only_accepts_JSON_gets_the_API_even_without_a_token()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/payments");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        var response = await api.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }
}
