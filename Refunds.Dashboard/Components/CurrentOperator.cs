using Microsoft.AspNetCore.Components.Authorization;
using Refunds.Core;
using Refunds.Core.Access;
using Refunds.Dashboard.Identity;

namespace Refunds.Dashboard.Components;

/// <summary>
/// Who is acting in this circuit, as the engine sees them. Pages ask for it before every engine call
/// rather than keeping a copy, so a session whose roles changed is never acted on with stale ones.
/// </summary>
public sealed class CurrentOperator(AuthenticationStateProvider authentication, ActorResolver actors, SessionActivity activity, SessionRenewals renewals)
{
    public async Task<Actor> GetAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        return actors.Resolve(state.User);
    }

    /// <summary>
    /// The operator about to change something. Refused while their session has run out and they have
    /// not signed in again; the page keeps what they entered and shows why.
    /// </summary>
    public async Task<Actor> ForChangeAsync()
    {
        var actor = await GetAsync();
        if (activity.ExpiredSince is { } expiredAt)
        {
            if (!renewals.SignedInSince(actor.Id, expiredAt))
                throw new RuleViolation(ErrorCode.OperationNotAllowed,
                    "Your session expired while this page was idle. Use \"Sign in again\" at the top (it opens a new tab), then repeat this action: what you entered is kept.");
            activity.Renewed();
        }
        return actor;
    }
}
