using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Refunds.Core.Refunds;
using Refunds.Core.Access;
using Refunds.Dashboard.Tests.Support;
using static Refunds.Dashboard.Tests.Support.ApiFactory;

namespace Refunds.Dashboard.Tests.Dashboard.Endpoints.AdminRefunds;

/// <summary>Seed 002: <c>POST /v1/admin/refunds</c> on the engine.</summary>
public class CreateAdminRefundApiTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string Path = "/v1/admin/refunds";

    /// <summary>An operator who may see refunds, as the dashboard's pages ask for them.</summary>
    public static readonly Actor DashboardViewer = new("viewer", "Vic Viewer", ActorKind.Person, Permission.ReadRefunds | Permission.ReadPayments);

    /// <summary>Asserts seed 002's error shape <c>{error, message}</c> (and nothing of Lean's) and the status; returns the body.</summary>
    public static async Task<JsonNode> AssertAdminError(HttpResponseMessage response, HttpStatusCode status, string? error = null)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode} {text}");
        var body = JsonNode.Parse(text)!.AsObject();
        Assert.Equal(["error", "message"], body.Select(p => p.Key).Order());
        Assert.False(string.IsNullOrWhiteSpace(body["message"]!.GetValue<string>()));
        if (error is not null) Assert.Equal(error, body["error"]!.GetValue<string>());
        return body;
    }

    [Fact]
    public async Task Create_by_charge_id_returns_201_with_the_seeds_fields()
    {
        var (payment, charge) = await api.ChargeAsync(100m);

        var response = await (await api.Maker()).PostAsJsonAsync(Path, new { charge_id = charge, amount_cents = 2550, reason = "requested_by_customer" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await Json(response);
        Assert.Equal((payment, charge, 2550L, "pending", ""),
            (body["payment_id"]!.GetValue<Guid>(), body["charge_id"]!.GetValue<string>(), body["amount_cents"]!.GetValue<long>(),
                body["status"]!.GetValue<string>(), body["stripe_refund_id"]!.GetValue<string>()));
        var lean = await api.LeanRefundAsync(body["refund_id"]!.GetValue<Guid>());
        Assert.Equal((25.50m, "CREATED", "integration-maker"),
            (lean["amount"]!.GetValue<decimal>(), lean["status"]!.GetValue<string>(), lean["created_by"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Create_reads_amount_cents_in_the_currencys_minor_units()
    {
        var (_, charge) = await api.ChargeAsync(10m, "KWD");

        var response = await (await api.Maker()).PostAsJsonAsync(Path, new { charge_id = charge, amount_cents = 1250 });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var lean = await api.LeanRefundAsync((await Json(response))["refund_id"]!.GetValue<Guid>());
        Assert.Equal((1.250m, "KWD"), (lean["amount"]!.GetValue<decimal>(), lean["currency"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("{\"full\": true}")]
    [InlineData("{}")]
    [InlineData("{\"full\": true, \"amount_cents\": 7000}")]
    public async Task Create_with_full_or_without_an_amount_refunds_everything_still_refundable(string extra)
    {
        var (payment, charge) = await api.ChargeAsync(100m);
        await api.RefundAsync(payment, 30m);
        var body = JsonNode.Parse(extra)!.AsObject();
        body["charge_id"] = charge;

        var response = await (await api.Maker()).PostAsync(Path, Raw(body.ToJsonString()));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(7000L, (await Json(response))["amount_cents"]!.GetValue<long>());
    }

    [Fact]
    public async Task Create_returns_404_when_no_payment_has_the_charge_id()
    {
        await AssertAdminError(await (await api.Maker()).PostAsJsonAsync(Path, new { charge_id = "ch_unknown", amount_cents = 100 }),
            HttpStatusCode.NotFound, "PAYMENT_NOT_FOUND");
    }

    [Fact]
    public async Task Create_returns_409_when_the_payment_is_already_fully_refunded()
    {
        var (payment, charge) = await api.ChargeAsync(10m);
        await api.RefundAsync(payment, 10m);

        await AssertAdminError(await (await api.Maker()).PostAsJsonAsync(Path, new { charge_id = charge, full = true }),
            HttpStatusCode.Conflict, "PAYMENT_FULLY_REFUNDED");
    }

    [Fact]
    public async Task Create_returns_412_when_the_payment_is_not_reconciled()
    {
        var (_, charge) = await api.ChargeAsync(10m, reconciled: false);

        await AssertAdminError(await (await api.Maker()).PostAsJsonAsync(Path, new { charge_id = charge, amount_cents = 100 }),
            (HttpStatusCode)412, "PAYMENT_NOT_RECONCILED");
    }

    public static TheoryData<string> InvalidBodies() => new()
    {
        "{}",
        "{\"charge_id\": \"\"}",
        "{\"charge_id\": \"{CHARGE}\", \"amount_cents\": 0}",
        "{\"charge_id\": \"{CHARGE}\", \"amount_cents\": -5}",
        "{\"charge_id\": \"{CHARGE}\", \"amount_cents\": 10.5}",
        "{\"charge_id\": \"{CHARGE}\", \"amount_cents\": \"100\"}",
        "{\"charge_id\": \"{CHARGE}\", \"amount_cents\": 10001}",
        "{\"charge_id\": \"{CHARGE}\", \"full\": true, \"amount_cents\": 500}",
        "{\"charge_id\": \"{CHARGE}\", \"full\": \"yes\"}",
        "{\"charge_id\": \"{CHARGE}\", \"reason\": 5}",
        "{\"charge_id\": 42}",
        "[{\"charge_id\": \"{CHARGE}\"}]",
        "{\"charge_id\": ",
        "",
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task Create_returns_422_for_invalid_input_and_writes_nothing(string body)
    {
        var (_, charge) = await api.ChargeAsync(100m);
        var before = await api.RefundCountAsync();

        var response = await (await api.Maker()).PostAsync(Path, Raw(body.Replace("{CHARGE}", charge)));

        await AssertAdminError(response, HttpStatusCode.UnprocessableEntity);
        Assert.Equal(before, await api.RefundCountAsync());
    }

    [Theory]
    [InlineData("duplicate", "DUPLICATED_PAYMENT")]
    [InlineData("Fraudulent", "FRAUDULENT_PAYMENT")]
    [InlineData("order cancelled", "ORDER_CANCELLED")]
    [InlineData("The customer changed their mind", "CUSTOMER_REQUEST")]
    public async Task Create_maps_the_free_text_reason_to_a_reason_code_and_keeps_the_text(string reason, string code)
    {
        var (_, charge) = await api.ChargeAsync(100m);

        var response = await (await api.Maker()).PostAsJsonAsync(Path, new { charge_id = charge, amount_cents = 100, reason });

        var lean = await api.LeanRefundAsync((await Json(response))["refund_id"]!.GetValue<Guid>());
        Assert.Equal((code, reason), (lean["reason_code"]!.GetValue<string>(), lean["description"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Create_returns_401_in_the_seeds_shape_without_a_token()
    {
        var response = await api.CreateClient().PostAsJsonAsync(Path, new { charge_id = "ch_x" });

        await AssertAdminError(response, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Fact]
    public async Task Create_returns_403_in_the_seeds_shape_without_the_refunds_write_scope()
    {
        var response = await (await api.Checker()).PostAsJsonAsync(Path, new { charge_id = "ch_x" });

        await AssertAdminError(response, HttpStatusCode.Forbidden, "OPERATION_NOT_ALLOWED");
    }

    [Fact]
    public async Task Bare_404_405_and_415_on_its_paths_answer_in_the_seeds_shape()
    {
        var maker = await api.Maker();

        await AssertAdminError(await maker.GetAsync($"{Path}/nothing/here"), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertAdminError(await maker.DeleteAsync(Path), HttpStatusCode.MethodNotAllowed, "METHOD_NOT_ALLOWED");
        await AssertAdminError(await maker.PostAsync(Path, Raw("charge_id=ch_x", "text/plain")), HttpStatusCode.UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE");
    }

    [Fact]
    public async Task A_refund_created_here_is_in_the_Lean_list_and_the_dashboards_data_and_needs_another_checker()
    {
        var (payment, charge) = await api.ChargeAsync(100m);
        var created = await Json(await (await api.As("integration-both")).PostAsJsonAsync(Path, new { charge_id = charge, amount_cents = 1000 }));
        var refundId = created["refund_id"]!.GetValue<Guid>();

        var list = await Json(await (await api.Checker()).GetAsync($"/payouts/refunds?payment_id={payment}"));
        var fromDashboard = await api.Services.GetRequiredService<RefundQueries>()
            .FindAsync(DashboardViewer, refundId);
        var selfApproval = await (await api.As("integration-both")).PutAsJsonAsync("/payouts/refunds", new[] { new { refund_id = refundId, status = "APPROVED" } });

        Assert.Equal([refundId], list["content"]!.AsArray().Select(r => r!["refund_id"]!.GetValue<Guid>()));
        Assert.Equal(("integration-both", RefundStatus.Created), (fromDashboard!.CreatedBy, fromDashboard.Status));
        Assert.Single(fromDashboard.History);
        await AssertError(selfApproval, HttpStatusCode.Forbidden, "MAKER_CHECKER_VIOLATION");
    }
}
