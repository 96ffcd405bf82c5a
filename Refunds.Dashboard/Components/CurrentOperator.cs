using Microsoft.AspNetCore.Components.Authorization;
using Refunds.Core.Access;
using Refunds.Dashboard.Identity;

namespace Refunds.Dashboard.Components;

/// <summary>
/// Who is acting in this circuit, as the engine sees them. Pages ask for it before every engine call
/// rather than keeping a copy, so a session whose roles changed is never acted on with stale ones.
/// </summary>
public sealed class CurrentOperator(AuthenticationStateProvider authentication, ActorResolver actors)
{
    public async Task<Actor> GetAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        return actors.Resolve(state.User);
    }
}
