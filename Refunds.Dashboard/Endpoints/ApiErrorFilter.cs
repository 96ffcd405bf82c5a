using Refunds.Core;

namespace Refunds.Dashboard.Endpoints;

/// <summary>Answers every refused engine call with the error shape and status of the endpoint's API surface.</summary>
internal sealed class ApiErrorFilter(TimeProvider clock) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (RuleViolation violation)
        {
            var surface = context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<ApiSurface>() ?? LeanApiSurface.Instance;
            return surface.Refused(violation, clock);
        }
    }
}
