using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Refunds.Dashboard.Hosting;
using Refunds.Dashboard.Tests.Support;

namespace Refunds.Dashboard.Tests.Dashboard.Hosting;

public class MemoryEndpointTests
{
    [Fact]
    public async Task Memory_endpoint_is_not_there_unless_switched_on()
    {
        await using var app = new DashboardFactory();

        var response = await GetAsync(app, IPAddress.Loopback);

        Assert.Equal(StatusCodes.Status404NotFound, response.Response.StatusCode);
    }

    [Fact]
    public async Task Memory_endpoint_answers_the_heap_after_a_full_collection_when_switched_on()
    {
        await using var app = new WithMemoryEndpoint();

        var response = await GetAsync(app, IPAddress.Loopback);

        Assert.Equal(StatusCodes.Status200OK, response.Response.StatusCode);
        using var body = await JsonDocument.ParseAsync(response.Response.Body);
        Assert.True(body.RootElement.GetProperty("managed_bytes").GetInt64() > 0);
        Assert.True(body.RootElement.GetProperty("working_set_bytes").GetInt64() > 0);
    }

    [Fact]
    public async Task Memory_endpoint_without_collect_answers_the_heap_as_the_last_collection_left_it_and_forces_none()
    {
        await using var app = new WithMemoryEndpoint();
        await GetAsync(app, IPAddress.Loopback);
        var lastFullCollection = GC.GetGCMemoryInfo(GCKind.FullBlocking).Index;

        var response = await GetAsync(app, IPAddress.Loopback, "?collect=false");

        Assert.Equal(StatusCodes.Status200OK, response.Response.StatusCode);
        using var body = await JsonDocument.ParseAsync(response.Response.Body);
        Assert.True(body.RootElement.GetProperty("managed_bytes").GetInt64() > 0);
        Assert.True(body.RootElement.GetProperty("working_set_bytes").GetInt64() > 0);
        Assert.Equal(lastFullCollection, GC.GetGCMemoryInfo(GCKind.FullBlocking).Index);
    }

    [Fact]
    public async Task Memory_endpoint_refuses_callers_from_outside_the_machine_even_when_switched_on()
    {
        await using var app = new WithMemoryEndpoint();

        var response = await GetAsync(app, IPAddress.Parse("198.51.100.7"));

        Assert.Equal(StatusCodes.Status404NotFound, response.Response.StatusCode);
    }

    private static Task<HttpContext> GetAsync(DashboardFactory app, IPAddress caller, string query = "") =>
        app.Server.SendAsync(context =>
        {
            context.Request.Method = HttpMethods.Get;
            context.Request.Path = MemoryEndpoint.Path;
            context.Request.QueryString = new QueryString(query);
            context.Connection.RemoteIpAddress = caller;
        });

    private sealed class WithMemoryEndpoint : DashboardFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Diagnostics:MemoryEndpoint", "true")];
    }
}
