using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Refunds.Dashboard.Tests.Support;
using static Refunds.Dashboard.Tests.Support.ApiFactory;

namespace Refunds.Dashboard.Tests.Dashboard.Endpoints;

/// <summary>Each test works on refunds of its own payment, so the list filters by payment_id.</summary>
public class ListRefundsApiTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private async Task<JsonNode> List(string query) =>
        await Json(await (await api.Checker()).GetAsync($"/payouts/refunds?{query}"));

    [Fact]
    public async Task Pages_count_from_zero_and_report_totals()
    {
        var payment = await api.PaymentAsync(100m);
        var ids = new List<Guid>();
        for (var i = 0; i < 7; i++) ids.Add(await api.RefundAsync(payment, 1m));

        var first = await List($"payment_id={payment}&page=0&size=3");
        var last = await List($"payment_id={payment}&page=2&size=3");
        var beyond = await List($"payment_id={payment}&page=3&size=3");

        Assert.Equal((0, 3, 7L, 3), PageOf(first));
        Assert.Equal((2, 3, 7L, 3), PageOf(last));
        Assert.Single(last["content"]!.AsArray());
        Assert.Empty(beyond["content"]!.AsArray());
        // Newest first: the first page holds the last three created.
        Assert.Equal(ids.AsEnumerable().Reverse().Take(3), first["content"]!.AsArray().Select(r => r!["refund_id"]!.GetValue<Guid>()));
    }

    [Fact]
    public async Task The_default_page_size_is_50()
    {
        var payment = await api.PaymentAsync();

        var page = await List($"payment_id={payment}");

        Assert.Equal((0, 50, 0L, 0), PageOf(page));
    }

    [Fact]
    public async Task Status_CONFIRMED_lists_approved_refunds()
    {
        var payment = await api.PaymentAsync(100m);
        var approved = await api.RefundAsync(payment, 1m);
        await api.RefundAsync(payment, 1m);
        await (await api.Checker()).PutAsJsonAsync("/payouts/refunds", new[] { new { refund_id = approved, status = "APPROVED" } });

        var confirmed = await List($"payment_id={payment}&status=CONFIRMED");
        var created = await List($"payment_id={payment}&status=CREATED");

        Assert.Equal([approved], confirmed["content"]!.AsArray().Select(r => r!["refund_id"]!.GetValue<Guid>()));
        Assert.Equal(1L, created["page"]!["total_elements"]!.GetValue<long>());
    }

    [Fact]
    public async Task Items_carry_Leans_list_fields_and_ours()
    {
        var payment = await api.PaymentAsync(100m);
        await api.RefundAsync(payment, 1m);

        var item = (await List($"payment_id={payment}"))["content"]![0]!.AsObject();

        string[] expected = ["refund_id", "deposit_amount", "deposit_currency", "payment_id", "status", "amount", "currency", "reason_code",
            "description", "external_reference", "beneficiary", "created_at", "created_by", "actioned_by", "refund_intent_id",
            "actioned_at", "decision_note", "bank_reference", "failure_reason", "updated_at", "approvals_required", "approvals"];
        Assert.Equal(expected, item.Select(p => p.Key));
        Assert.EndsWith("Z", item["created_at"]!.GetValue<string>());
    }

    [Fact]
    public async Task Reason_code_and_date_range_narrow_the_list()
    {
        var payment = await api.PaymentAsync(100m);
        await api.RefundAsync(payment, 1m);
        var tomorrow = DateTime.UtcNow.AddDays(1).ToString("yyyy-MM-dd");

        Assert.Equal(1L, (await List($"payment_id={payment}&reason_code=CUSTOMER_REQUEST"))["page"]!["total_elements"]!.GetValue<long>());
        Assert.Equal(0L, (await List($"payment_id={payment}&reason_code=ORDER_CANCELLED"))["page"]!["total_elements"]!.GetValue<long>());
        Assert.Equal(0L, (await List($"payment_id={payment}&from={tomorrow}"))["page"]!["total_elements"]!.GetValue<long>());
        Assert.Equal(1L, (await List($"payment_id={payment}&to={tomorrow}"))["page"]!["total_elements"]!.GetValue<long>());
    }

    [Theory]
    [InlineData("page=-1")]
    [InlineData("size=0")]
    [InlineData("size=501")]
    [InlineData("page=one")]
    [InlineData("payment_id=123")]
    [InlineData("from=yesterday")]
    public async Task Bad_paging_or_filters_are_a_400(string query)
    {
        var response = await (await api.Checker()).GetAsync($"/payouts/refunds?{query}");

        await AssertError(response, HttpStatusCode.BadRequest, "INVALID_REQUEST");
    }

    [Fact]
    public async Task An_unknown_status_filter_is_a_400_INVALID_STATUS()
    {
        await AssertError(await (await api.Checker()).GetAsync("/payouts/refunds?status=PAID"), HttpStatusCode.BadRequest, "INVALID_STATUS");
    }

    [Fact]
    public async Task Listing_needs_the_refunds_read_scope()
    {
        var token = await api.TokenAsync("integration-maker", "payments:read");

        await AssertError(await api.ApiClient(token).GetAsync("/payouts/refunds"), HttpStatusCode.Forbidden, "OPERATION_NOT_ALLOWED");
    }

    private static (int, int, long, int) PageOf(JsonNode list)
    {
        var page = list["page"]!;
        return (page["number"]!.GetValue<int>(), page["size"]!.GetValue<int>(), page["total_elements"]!.GetValue<long>(), page["total_pages"]!.GetValue<int>());
    }
}
