using Bunit;
using Refunds.Core.Access;
using Refunds.Core.Approvals;
using Refunds.Dashboard.Components.Pages.Settings;
using Refunds.Dashboard.Tests.Core.Approvals;
using Refunds.Dashboard.Tests.Support;
using static Refunds.Dashboard.Tests.Core.Approvals.ApprovalTiers;

namespace Refunds.Dashboard.Tests.Components.Settings;

/// <summary>Settings → Approval policy: everyone sees the policy in force; an admin proposes a change and another admin puts it in force.</summary>
public class ApprovalPolicyPageTests : DashboardTestContext
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Engine.SeedDefaultsAsync();
    }

    private IRenderedComponent<ApprovalPolicyPage> RenderPage()
    {
        RenderProviders();
        var page = Render<ApprovalPolicyPage>();
        page.WaitForElement("[data-testid=policy-active]");
        return page;
    }

    [Fact]
    public void A_viewer_sees_the_tiers_in_force_and_nothing_to_change()
    {
        SignInAsViewer();

        var page = RenderPage();

        Assert.Equal(3, page.FindAll("[data-testid=policy-active] .policy-tiers tbody tr").Count);
        Assert.Contains(OperatorRoles.SeniorApprover, page.Find("[data-testid=policy-active]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=policy-propose], #proposal-approve"));
    }

    [Fact]
    public async Task An_admin_proposes_a_change_and_may_not_approve_it_themselves()
    {
        SignInAs(PolicyAdmin, OperatorRoles.Admin);
        var page = RenderPage();
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll(".tier-draft").Count));

        page.FindAll(".tier-draft .draft-approvals input")[0].Change("3");
        page.Find("#policy-propose-submit").Click();

        page.WaitForElement("[data-testid=policy-proposal]");
        var proposal = (await Engine.Get<ApprovalPolicies>().CurrentAsync(PolicyAdmin)).Proposal;
        Assert.Equal((2, 3), (proposal?.Version, proposal?.Tiers.Single(t => t.CurrencyCode == "AED" && t.FromAmount.Major == 10_000m).Approvals));
        Assert.True(page.Find("#proposal-approve").HasAttribute("disabled"));
        Assert.Contains("another admin must approve or reject it", page.Find("[data-testid=why-not-decide-policy]").TextContent);
    }

    [Fact]
    public async Task Another_admin_approves_the_proposal_and_it_is_in_force()
    {
        var proposal = await Engine.Get<ApprovalPolicies>().ProposeAsync(PolicyAdmin, [ApprovalTier.Of("AED", 5_000m, 2, null)]);
        SignInAs(SecondPolicyAdmin, OperatorRoles.Admin);
        var page = RenderPage();

        page.WaitForElement("#proposal-approve").Click();

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=policy-proposal]")));
        Assert.Contains($"Version {proposal.Version}, proposed by {PolicyAdmin.DisplayName}", page.Find("[data-testid=policy-active]").TextContent);
        Assert.Contains($"approved by {SecondPolicyAdmin.DisplayName}", page.Find("[data-testid=policy-active]").TextContent);
    }
}
