using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Refunds.Core.Persistence;
using Refunds.Dashboard.Tests.Support;

namespace Refunds.Dashboard.Tests.Dashboard.Hosting;

public class DataProtectionTests
{
    [Fact]
    public async Task A_session_cookie_issued_before_a_restart_still_works_after_it()
    {
        string cookie;
        string database;
        await using (var before = new DashboardFactory { KeepDatabase = true })
        {
            database = before.DatabasePath;
            var browser = new BrowserSession(before);
            await browser.SignInAsync("initiator");
            cookie = string.Join("; ", browser.Cookies(new Uri("http://localhost/")).Select(c => $"{c.Name}={c.Value}"));
        }

        await using var after = new DashboardFactory { DatabasePath = database };
        var client = after.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("Cookie", cookie);

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Iman Initiator", await response.Content.ReadAsStringAsync());
        // The key ring that made it work is the database's (not a folder on this machine).
        await using var db = await after.Services.GetRequiredService<IDbContextFactory<RefundsDbContext>>().CreateDbContextAsync();
        Assert.NotEmpty(await db.DataProtectionKeys.ToListAsync());
    }
}
