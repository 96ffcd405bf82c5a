using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Routing.Matching;
using Refunds.Dashboard.Endpoints;

namespace Refunds.Dashboard.Hosting;

/// <summary>
/// <c>GET /payments</c> is both the REST list (Lean's path) and the dashboard's Payments tab. A GET
/// without an Authorization header that accepts HTML (or anything) gets the page, so a browser is sent
/// to sign in; a bearer token, a POST or an Accept that only names JSON gets the API. Paths only one of
/// them answers are left alone.
/// </summary>
internal sealed class PageOrApiMatcherPolicy : MatcherPolicy, IEndpointSelectorPolicy
{
    public override int Order => 0;

    public bool AppliesToEndpoints(IReadOnlyList<Endpoint> endpoints) => endpoints.Any(IsApi) && endpoints.Any(IsPage);

    public Task ApplyAsync(HttpContext httpContext, CandidateSet candidates)
    {
        var valid = Enumerable.Range(0, candidates.Count).Where(candidates.IsValidCandidate).ToList();
        if (!valid.Any(i => IsApi(candidates[i].Endpoint)) || !valid.Any(i => IsPage(candidates[i].Endpoint))) return Task.CompletedTask;

        var request = httpContext.Request;
        var accept = request.GetTypedHeaders().Accept;
        var wantsPage = (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            && !request.Headers.ContainsKey("Authorization")
            && (accept.Count == 0 || accept.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase) || a.MatchesAllTypes));
        foreach (var i in valid)
        {
            if (IsApi(candidates[i].Endpoint) == wantsPage) candidates.SetValidity(i, false);
        }
        return Task.CompletedTask;
    }

    private static bool IsApi(Endpoint endpoint) => endpoint.Metadata.GetMetadata<ApiSurface>() is not null;

    private static bool IsPage(Endpoint endpoint) => endpoint.Metadata.GetMetadata<ComponentTypeMetadata>() is not null;
}
