using Microsoft.EntityFrameworkCore;
using Refunds.Core.Access;
using Refunds.Core.Persistence;

namespace Refunds.Core.Approvals;

/// <summary>
/// The approval policy's versions: the first seeded from the settings, each later one proposed by an admin
/// and put in force (or turned down) by a different admin. Only one proposal waits at a time.
/// </summary>
public sealed class ApprovalPolicies(UnitOfWork unitOfWork, IDbContextFactory<RefundsDbContext> contexts, TimeProvider clock)
{
    // Compiled once per instance, as a compiled query serves one provider's model: every refund creation
    // reads it, on the SQLite writer (ADR-010).
    private readonly Func<RefundsDbContext, CancellationToken, Task<ApprovalPolicy?>> _inForce =
        EF.CompileAsyncQuery((RefundsDbContext db, CancellationToken ct) => db.ApprovalPolicies.AsNoTracking()
            .Where(p => p.Status == ApprovalPolicyStatus.Active)
            .OrderByDescending(p => p.Version)
            .FirstOrDefault());

    private readonly Func<RefundsDbContext, CancellationToken, Task<int>> _versionInForce =
        EF.CompileAsyncQuery((RefundsDbContext db, CancellationToken ct) => db.ApprovalPolicies
            .Where(p => p.Status == ApprovalPolicyStatus.Active)
            .OrderByDescending(p => p.Version)
            .Select(p => p.Version)
            .FirstOrDefault());

    private ApprovalPolicy? _lastInForce;

    /// <summary>The version in force (tiers included), or null before any was set up, read in <paramref name="db"/>'s unit of work.</summary>
    public async Task<ApprovalPolicy?> InForceAsync(RefundsDbContext db, CancellationToken cancellationToken)
    {
        // A version's tiers never change: which version is in force is read in the unit's own transaction
        // every time, its tiers only when that version is new to this instance (reading them on every
        // refund creation was a tenth of the SQLite writer's time: bench/README.md, round 5).
        var version = await _versionInForce(db, cancellationToken);
        if (version == 0) return null;
        if (Volatile.Read(ref _lastInForce) is { } known && known.Version == version) return known;
        var policy = await _inForce(db, cancellationToken);
        Volatile.Write(ref _lastInForce, policy);
        return policy;
    }

    /// <summary>Writes the first version from <paramref name="tiers"/> unless there is one already; true when it did.</summary>
    public Task<bool> SeedIfNoneAsync(IReadOnlyList<ApprovalTier> tiers, CancellationToken cancellationToken = default) =>
        unitOfWork.RunAsync(async (db, ct) =>
        {
            // Two instances starting together: the second's insert of version 1 loses, is run again, and finds it.
            if (await db.ApprovalPolicies.AnyAsync(ct)) return false;
            db.ApprovalPolicies.Add(ApprovalPolicy.Seeded(tiers, clock.GetUtcNow()));
            return true;
        }, cancellationToken);

    /// <summary>The version in force and the proposal awaiting a decision, if any.</summary>
    public async Task<ApprovalPolicyState> CurrentAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        actor.Require(Permission.ReadRefunds, "see the approval policy");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var versions = await db.ApprovalPolicies.AsNoTracking()
            .Where(p => p.Status == ApprovalPolicyStatus.Active || p.Status == ApprovalPolicyStatus.Proposed)
            .ToListAsync(cancellationToken);
        return new ApprovalPolicyState(
            versions.Where(p => p.Status == ApprovalPolicyStatus.Active).MaxBy(p => p.Version),
            versions.SingleOrDefault(p => p.Status == ApprovalPolicyStatus.Proposed));
    }

    /// <summary>Every version, newest first: who proposed and who decided each, and when.</summary>
    public async Task<IReadOnlyList<ApprovalPolicy>> HistoryAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        actor.Require(Permission.ReadRefunds, "see the approval policy");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.ApprovalPolicies.AsNoTracking().OrderByDescending(p => p.Version).ToListAsync(cancellationToken);
    }

    /// <summary>Proposes a new version; it is in force only once another admin approves it.</summary>
    public Task<ApprovalPolicy> ProposeAsync(Actor admin, IReadOnlyList<ApprovalTier> tiers, CancellationToken cancellationToken = default)
    {
        admin.Require(Permission.ManageApprovalPolicy, "propose approval policies");
        return unitOfWork.RunAsync(async (db, ct) =>
        {
            var pending = await db.ApprovalPolicies.AsNoTracking()
                .Where(p => p.Status == ApprovalPolicyStatus.Proposed).Select(p => (int?)p.Version).FirstOrDefaultAsync(ct);
            if (pending is { } version)
                throw new RuleViolation(ErrorCode.InvalidStatusTransition,
                    $"Approval policy version {version} is already proposed; it must be approved or rejected before another is proposed.");
            // The next number is the key: of two proposals made at once, the second is run again and finds the first.
            var next = (await db.ApprovalPolicies.MaxAsync(p => (int?)p.Version, ct) ?? 0) + 1;
            var proposal = ApprovalPolicy.Proposal(next, tiers, admin, clock.GetUtcNow());
            db.ApprovalPolicies.Add(proposal);
            return proposal;
        }, cancellationToken);
    }

    /// <summary>Another admin puts a proposal in force: refunds created from now on take their requirement from it.</summary>
    public Task<ApprovalPolicy> ApproveAsync(Actor admin, int version, CancellationToken cancellationToken = default) =>
        DecideAsync(admin, version, approve: true, cancellationToken);

    /// <summary>Another admin turns a proposal down; the version in force stays.</summary>
    public Task<ApprovalPolicy> RejectAsync(Actor admin, int version, CancellationToken cancellationToken = default) =>
        DecideAsync(admin, version, approve: false, cancellationToken);

    /// <summary>
    /// Why <paramref name="admin"/> may not approve or reject <paramref name="proposal"/>, or null when they
    /// may: the engine asks before it decides, the settings page before it offers the buttons.
    /// </summary>
    public static RuleViolation? WhyMayNotDecide(Actor admin, ApprovalPolicy proposal)
    {
        if (!admin.Can(Permission.ManageApprovalPolicy))
            return new RuleViolation(ErrorCode.OperationNotAllowed, $"Operation Not Allowed, {admin.DisplayName} may not approve or reject approval policies.");
        // a policy change needs four eyes too: its proposer does not decide it
        if (proposal.ProposedBy == admin.Id)
            return new RuleViolation(ErrorCode.MakerCheckerViolation, "You proposed this approval policy, so another admin must approve or reject it.");
        return proposal.Status == ApprovalPolicyStatus.Proposed
            ? null
            : new RuleViolation(ErrorCode.InvalidStatusTransition,
                $"Approval policy version {proposal.Version} is {WireName.Of(proposal.Status)}; only a proposal awaiting a decision can be approved or rejected.");
    }

    private Task<ApprovalPolicy> DecideAsync(Actor admin, int version, bool approve, CancellationToken cancellationToken)
    {
        admin.Require(Permission.ManageApprovalPolicy, "approve or reject approval policies");
        return unitOfWork.RunAsync(async (db, ct) =>
        {
            var proposal = await db.ApprovalPolicies.SingleOrDefaultAsync(p => p.Version == version, ct)
                ?? throw new RuleViolation(ErrorCode.PolicyNotFound, $"Approval policy version {version} does not exist.");
            if (WhyMayNotDecide(admin, proposal) is { } refused) throw refused;
            var now = clock.GetUtcNow();
            if (!approve)
            {
                proposal.Reject(admin, now);
                return proposal;
            }
            proposal.Activate(admin, now);
            // The version it replaces is marked too, so two versions put in force at once cannot both commit.
            var inForce = await db.ApprovalPolicies.Where(p => p.Status == ApprovalPolicyStatus.Active && p.Version != version).ToListAsync(ct);
            foreach (var replaced in inForce) replaced.Supersede();
            return proposal;
        }, cancellationToken);
    }
}
