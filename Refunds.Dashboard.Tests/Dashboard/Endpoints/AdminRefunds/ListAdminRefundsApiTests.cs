using System.Net;
using System.Net.Http.Json;
using Refunds.Dashboard.Tests.Support;
using static Refunds.Dashboard.Tests.Dashboard.Endpoints.AdminRefunds.CreateAdminRefundApiTests;
using static Refunds.Dashboard.Tests.Support.ApiFactory;

namespace Refunds.Dashboard.Tests.Dashboard.Endpoints.AdminRefunds;

/// <summary>Seed 004: <c>GET /v1/admin/refunds</c> on the engine.</summary>
public class ListAdminRefundsApiTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string Path = "/v1/admin/refunds";

    private async Task<Guid> AdminRefundAsync(string charge, long amountCents, string? reason = null)
    {
        var response = await (await api.Maker()).PostAsJsonAsync(Path, new { charge_id = charge, amount_cents = amountCents, reason });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await Json(response))["refund_id"]!.GetValue<Guid>();
    }

    [Fact]
    public async Task List_returns_a_customers_refunds_newest_first_with_the_seeds_fields()
    {
        var customer = $"CUST-{Guid.NewGuid():N}";
        var (payment, charge) = await api.ChargeAsync(100m, customerId: customer);
        var older = await AdminRefundAsync(charge, 100);
        var newer = await AdminRefundAsync(charge, 250, "duplicate");
        var (_, otherCharge) = await api.ChargeAsync(100m, customerId: "SOMEONE-ELSE");
        await AdminRefundAsync(otherCharge, 100);

        var response = await (await api.Checker()).GetAsync($"{Path}?customer_id={customer}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var refunds = (await Json(response))["refunds"]!.AsArray();
        Assert.Equal([newer, older], refunds.Select(r => r!["refund_id"]!.GetValue<Guid>()));
        var first = refunds[0]!;
        Assert.Equal((payment, charge, customer, 250L, "pending", "duplicate"),
            (first["payment_id"]!.GetValue<Guid>(), first["charge_id"]!.GetValue<string>(), first["customer_id"]!.GetValue<string>(),
                first["amount_cents"]!.GetValue<long>(), first["status"]!.GetValue<string>(), first["reason"]!.GetValue<string>()));
        Assert.Null(first["stripe_refund_id"]);
        Assert.True(DateTimeOffset.TryParse(first["created_at"]!.GetValue<string>(), out _));
    }

    [Fact]
    public async Task List_holds_at_most_limit_refunds()
    {
        var customer = $"CUST-{Guid.NewGuid():N}";
        var (_, charge) = await api.ChargeAsync(100m, customerId: customer);
        for (var i = 0; i < 3; i++) await AdminRefundAsync(charge, 100);

        var response = await (await api.Checker()).GetAsync($"{Path}?customer_id={customer}&limit=2");

        Assert.Equal(2, (await Json(response))["refunds"]!.AsArray().Count);
    }

    [Fact]
    public async Task List_shows_a_checkers_decision_in_the_seeds_status_words()
    {
        var customer = $"CUST-{Guid.NewGuid():N}";
        var (_, charge) = await api.ChargeAsync(100m, customerId: customer);
        var rejected = await AdminRefundAsync(charge, 100);
        await api.ApproveAsync(rejected, "REJECTED");

        var refunds = (await Json(await (await api.Checker()).GetAsync($"{Path}?customer_id={customer}")))["refunds"]!.AsArray();

        Assert.Equal("canceled", Assert.Single(refunds)!["status"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("limit=many")]
    [InlineData("limit=0")]
    public async Task List_returns_422_for_a_limit_that_is_not_a_positive_whole_number(string query)
    {
        await AssertAdminError(await (await api.Checker()).GetAsync($"{Path}?{query}"), HttpStatusCode.UnprocessableEntity, "INVALID_REQUEST");
    }

    [Fact]
    public async Task List_returns_401_in_the_seeds_shape_without_a_token()
    {
        await AssertAdminError(await api.CreateClient().GetAsync(Path), HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Fact]
    public async Task List_returns_403_in_the_seeds_shape_without_the_refunds_read_scope()
    {
        var client = api.ApiClient(await api.TokenAsync("integration-maker", "payments:read"));

        await AssertAdminError(await client.GetAsync(Path), HttpStatusCode.Forbidden, "OPERATION_NOT_ALLOWED");
    }
}
