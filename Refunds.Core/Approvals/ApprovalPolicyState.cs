namespace Refunds.Core.Approvals;

/// <summary>The approval policy as it stands: the version in force (null before any was set up) and the proposal awaiting a decision.</summary>
public sealed record ApprovalPolicyState(ApprovalPolicy? InForce, ApprovalPolicy? Proposal);
