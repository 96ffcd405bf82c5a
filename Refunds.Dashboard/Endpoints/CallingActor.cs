using Refunds.Core.Access;
using Refunds.Dashboard.Identity;

namespace Refunds.Dashboard.Endpoints;

/// <summary>
/// The operator or integration client a REST request acts as, bound as an endpoint parameter: the
/// request's principal read once by <see cref="ActorResolver"/>. Core's <see cref="Core.Access.Actor"/>
/// knows nothing of HTTP; this is where the API hands it over.
/// </summary>
public sealed record CallingActor(Actor Actor)
{
    public static ValueTask<CallingActor?> BindAsync(HttpContext http) =>
        ValueTask.FromResult<CallingActor?>(new CallingActor(http.RequestServices.GetRequiredService<ActorResolver>().Resolve(http.User)));
}
