using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Refunds.Dashboard.Tests.Support;
using static Refunds.Dashboard.Tests.Support.ApiFactory;

namespace Refunds.Dashboard.Tests.Dashboard.Endpoints;

/// <summary>The approval policy of the settings (AED from 10,000 needs two approvals, from 100,000 two senior ones) on every refund surface.</summary>
public class ApprovalApiTests(ApiFactory.WithApprovers api) : IClassFixture<ApiFactory.WithApprovers>
{
    private async Task<HttpResponseMessage> DecideAsync(string client, Guid refund, string status = "APPROVED") =>
        await (await api.As(client)).PutAsJsonAsync("/payouts/refunds", new[] { new { refund_id = refund, status, note = $"by {client}" } });

    private async Task<Guid> LargeRefundAsync(decimal amount) => await api.RefundAsync(await api.PaymentAsync(amount), amount);

    [Fact]
    public async Task An_approval_that_leaves_a_refund_awaiting_another_answers_200_with_status_CREATED_and_the_approval_recorded()
    {
        var refund = await LargeRefundAsync(15_000m);

        var response = await DecideAsync("integration-checker", refund);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var decision = (await Json(response))[0]!;
        Assert.Equal(("CREATED", 2), (decision["status"]!.GetValue<string>(), decision["approvals_required"]!.GetValue<int>()));
        var approval = Assert.Single(decision["approvals"]!.AsArray())!;
        Assert.Equal(("integration-checker", "by integration-checker"), (approval["by"]!.GetValue<string>(), approval["note"]!.GetValue<string>()));
        Assert.NotNull(approval["at"]);
    }

    [Fact]
    public async Task The_same_client_approving_again_is_a_403_MAKER_CHECKER_VIOLATION_and_another_checker_approves_it()
    {
        var refund = await LargeRefundAsync(15_000m);
        await DecideAsync("integration-checker", refund);

        var again = await DecideAsync("integration-checker", refund);
        var second = await DecideAsync("checker-2", refund);

        await AssertError(again, HttpStatusCode.Forbidden, "MAKER_CHECKER_VIOLATION");
        Assert.Equal("APPROVED", (await Json(second))[0]!["status"]!.GetValue<string>());
        var lean = await api.LeanRefundAsync(refund);
        Assert.Equal(["integration-checker", "checker-2"], lean["approvals"]!.AsArray().Select(a => a!["by"]!.GetValue<string>()));
        Assert.Equal(2, lean["approvals_required"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_senior_tier_refuses_a_checker_without_refunds_approve_senior_naming_the_role_and_takes_one_with_it()
    {
        var refund = await LargeRefundAsync(100_000m);

        var plain = await DecideAsync("integration-checker", refund);
        var senior = await DecideAsync("senior-checker", refund);

        var error = await AssertError(plain, HttpStatusCode.Forbidden, "OPERATION_NOT_ALLOWED");
        Assert.Contains("refunds.senior_approver", error["message"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, senior.StatusCode);
        Assert.Equal("CREATED", (await Json(senior))[0]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_small_refund_lists_one_approval_required_and_none_given()
    {
        var refund = await api.RefundAsync(await api.PaymentAsync(50m), 50m);

        var lean = await api.LeanRefundAsync(refund);

        Assert.Equal(1, lean["approvals_required"]!.GetValue<int>());
        Assert.Empty(lean["approvals"]!.AsArray());
    }

    [Fact]
    public async Task The_admin_and_initiation_surfaces_carry_the_approvals_in_their_own_casing()
    {
        var customer = $"CUST-{Guid.NewGuid().ToString("N")[..12]}";
        var payment = await api.PaymentAsync(15_000m, customerId: customer);
        var refund = await api.RefundAsync(payment, 15_000m);
        await DecideAsync("integration-checker", refund);

        var status = (await Json(await (await api.Checker()).GetAsync($"/v1/refunds/{refund}/status")))["refund"]!;
        var listed = await Json(await (await api.Checker()).GetAsync($"/v1/admin/refunds?customer_id={customer}"));

        Assert.Equal(2, status["approvalsRequired"]!.GetValue<int>());
        Assert.Equal("integration-checker", status["approvals"]![0]!["by"]!.GetValue<string>());
        var admin = listed["refunds"]!.AsArray().Single(r => r!["refund_id"]!.GetValue<Guid>() == refund)!;
        Assert.Equal(2, admin["approvals_required"]!.GetValue<int>());
        Assert.Equal("integration-checker", admin["approvals"]![0]!["by"]!.GetValue<string>());
    }
}

/// <summary><c>/approval-policy</c>: read with refunds:read; proposed by one policy admin, put in force by another.</summary>
public class ApprovalPolicyApiTests(ApiFactory.WithApprovers api) : IClassFixture<ApiFactory.WithApprovers>
{
    private static readonly object StricterPolicy = new
    {
        tiers = new object[]
        {
            new { currency = "AED", from_amount = 10_000m, approvals = 3 },
            new { currency = "USD", from_amount = 1_000m, approvals = 2, role = "refunds.senior_approver" },
        },
    };

    [Fact]
    public async Task An_admin_proposes_a_policy_another_admin_puts_it_in_force_and_new_refunds_follow_it()
    {
        var before = await Json(await (await api.Checker()).GetAsync("/approval-policy"));
        var proposed = await (await api.As("integration-both")).PutAsJsonAsync("/approval-policy", StricterPolicy);
        var proposal = await Json(proposed);
        var version = proposal["version"]!.GetValue<int>();
        var pending = await Json(await (await api.Checker()).GetAsync("/approval-policy"));
        var byProposer = await (await api.As("integration-both")).PostAsync($"/approval-policy/proposals/{version}/approve", null);
        var approved = await (await api.As("policy-admin-2")).PostAsync($"/approval-policy/proposals/{version}/approve", null);
        var after = await Json(await (await api.Checker()).GetAsync("/approval-policy"));
        var refund = await api.LeanRefundAsync(await api.RefundAsync(await api.PaymentAsync(10_000m), 10_000m));

        Assert.Equal(1, before["active"]!["version"]!.GetValue<int>());
        Assert.Equal(7, before["active"]!["tiers"]!.AsArray().Count);
        Assert.Equal(HttpStatusCode.Accepted, proposed.StatusCode);
        Assert.Equal(("PROPOSED", "integration-both"), (proposal["status"]!.GetValue<string>(), proposal["proposed_by"]!.GetValue<string>()));
        Assert.Equal(version, pending["pending_proposal"]!["version"]!.GetValue<int>());
        await AssertError(byProposer, HttpStatusCode.Forbidden, "MAKER_CHECKER_VIOLATION");
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Equal((version, "policy-admin-2"), (after["active"]!["version"]!.GetValue<int>(), after["active"]!["decided_by"]!.GetValue<string>()));
        Assert.Null(after["pending_proposal"]);
        Assert.Equal(3, refund["approvals_required"]!.GetValue<int>());
    }

    [Fact]
    public async Task Proposals_are_refused_without_policy_write_or_with_a_tier_outside_the_rules()
    {
        var withoutScope = await (await api.Checker()).PutAsJsonAsync("/approval-policy", StricterPolicy);
        var sixApprovals = await (await api.As("integration-both")).PutAsJsonAsync("/approval-policy",
            new { tiers = new[] { new { currency = "AED", from_amount = 10m, approvals = 6 } } });
        var unknown = await (await api.As("policy-admin-2")).PostAsync("/approval-policy/proposals/999/reject", null);
        var notANumber = await (await api.As("policy-admin-2")).PostAsync("/approval-policy/proposals/two/reject", null);

        Assert.Equal(HttpStatusCode.Forbidden, withoutScope.StatusCode);
        await AssertError(sixApprovals, HttpStatusCode.BadRequest, "INVALID_REQUEST");
        await AssertError(unknown, HttpStatusCode.NotFound, "POLICY_NOT_FOUND");
        await AssertError(notANumber, HttpStatusCode.BadRequest, "INVALID_REQUEST");
    }
}
