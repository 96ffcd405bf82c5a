using System.ComponentModel.DataAnnotations;
using Refunds.Core;
using Refunds.Core.Access;
using Refunds.Core.Approvals;
using Refunds.Dashboard.Identity;

namespace Refunds.Dashboard.Endpoints;

/// <summary>
/// <c>/approval-policy</c>: the approval policy in force and its pending proposal; an admin proposes a new
/// version, a different admin approves or rejects it.
/// </summary>
public static class ApprovalPolicyEndpoints
{
    public const string Path = "/approval-policy";

    public static IEndpointRouteBuilder MapApprovalPolicyEndpoints(this IEndpointRouteBuilder app)
    {
        var policy = app.MapGroup(Path).WithTags("Approval policy").AsApiSurface();

        policy.MapGet("", GetPolicy)
            .RequireAuthorization(PermissionPolicies.Api(Permission.ReadRefunds))
            .WithName("getApprovalPolicy").WithSummary("The approval policy in force, its tiers, and the proposal awaiting a decision")
            .Produces<ApprovalPolicyJson>();
        policy.MapPut("", ProposePolicy)
            .RequireAuthorization(PermissionPolicies.Api(Permission.ManageApprovalPolicy))
            .WithName("proposeApprovalPolicy").WithSummary("Propose a new version of the policy; it is in force once another admin approves it")
            .Accepts<ProposePolicyBody>("application/json")
            .Produces<ApprovalPolicyVersionJson>(StatusCodes.Status202Accepted);
        policy.MapPost("/proposals/{version}/approve", ApproveProposal)
            .RequireAuthorization(PermissionPolicies.Api(Permission.ManageApprovalPolicy))
            .WithName("approveApprovalPolicy").WithSummary("Put a proposal in force (an admin other than its proposer)")
            .Produces<ApprovalPolicyVersionJson>();
        policy.MapPost("/proposals/{version}/reject", RejectProposal)
            .RequireAuthorization(PermissionPolicies.Api(Permission.ManageApprovalPolicy))
            .WithName("rejectApprovalPolicy").WithSummary("Turn a proposal down (an admin other than its proposer)")
            .Produces<ApprovalPolicyVersionJson>();
        return app;
    }

    /// <summary>The body of <c>PUT /approval-policy</c>: every tier of the new version (currencies left out need one approval).</summary>
    public sealed record ProposePolicyBody([property: Required] IReadOnlyList<TierItem>? Tiers);

    /// <summary>From <c>from_amount</c> on (inclusive, in the currency's major units), a refund needs <c>approvals</c> distinct reviewers, each holding <c>role</c> if given.</summary>
    public sealed record TierItem(
        [property: Required, MaxLength(3)] string? Currency,
        [property: Required] decimal? FromAmount,
        [property: Required] int? Approvals,
        [property: MaxLength(64)] string? Role);

    private static async Task<IResult> GetPolicy(CallingActor caller, ApprovalPolicies policies, CancellationToken cancellationToken) =>
        TypedResults.Ok(ApprovalPolicyJson.From(await policies.CurrentAsync(caller.Actor, cancellationToken)));

    private static async Task<IResult> ProposePolicy(HttpRequest request, CallingActor caller, ApprovalPolicies policies, CancellationToken cancellationToken)
    {
        var body = await RequestBody.ObjectAsync(request, LeanApiJsonContext.Default.ProposePolicyBody, cancellationToken);
        var tiers = (body.Tiers ?? throw new RuleViolation(ErrorCode.InvalidRequest, "tiers is required.")).Select((tier, i) => ApprovalTier.Of(
            RequestBody.Required(tier.Currency, $"tiers[{i}].currency"),
            RequestBody.Required(tier.FromAmount, $"tiers[{i}].from_amount"),
            RequestBody.Required(tier.Approvals, $"tiers[{i}].approvals"),
            tier.Role)).ToList();
        var proposal = await policies.ProposeAsync(caller.Actor, tiers, cancellationToken);
        return TypedResults.Accepted(Path, ApprovalPolicyVersionJson.From(proposal));
    }

    private static async Task<IResult> ApproveProposal(string version, CallingActor caller, ApprovalPolicies policies, CancellationToken cancellationToken) =>
        TypedResults.Ok(ApprovalPolicyVersionJson.From(await policies.ApproveAsync(caller.Actor, RouteId.Number(version, "approval policy version"), cancellationToken)));

    private static async Task<IResult> RejectProposal(string version, CallingActor caller, ApprovalPolicies policies, CancellationToken cancellationToken) =>
        TypedResults.Ok(ApprovalPolicyVersionJson.From(await policies.RejectAsync(caller.Actor, RouteId.Number(version, "approval policy version"), cancellationToken)));
}

/// <summary>The answer of <c>GET /approval-policy</c>.</summary>
public sealed record ApprovalPolicyJson(ApprovalPolicyVersionJson? Active, ApprovalPolicyVersionJson? PendingProposal)
{
    public static ApprovalPolicyJson From(ApprovalPolicyState state) =>
        new(state.InForce is { } active ? ApprovalPolicyVersionJson.From(active) : null,
            state.Proposal is { } proposal ? ApprovalPolicyVersionJson.From(proposal) : null);
}

/// <summary>One version of the policy: its tiers, who proposed it and who decided it, and when.</summary>
public sealed record ApprovalPolicyVersionJson(int Version, string Status, IReadOnlyList<ApprovalTierJson> Tiers, string ProposedBy, DateTimeOffset ProposedAt,
    string? DecidedBy, DateTimeOffset? DecidedAt)
{
    public static ApprovalPolicyVersionJson From(ApprovalPolicy policy) => new(policy.Version, WireName.Of(policy.Status),
        policy.Tiers.Select(t => new ApprovalTierJson(t.CurrencyCode, t.FromAmount.Major, t.Approvals, t.Role)).ToList(),
        policy.ProposedBy, policy.ProposedAt, policy.DecidedBy, policy.DecidedAt);
}

public sealed record ApprovalTierJson(string Currency, decimal FromAmount, int Approvals, string? Role);
