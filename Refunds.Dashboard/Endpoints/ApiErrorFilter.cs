using Refunds.Core;

namespace Refunds.Dashboard.Endpoints;

/// <summary>Answers every refused engine call on the API with the API's error shape and status.</summary>
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
            return ApiError.From(violation, clock);
        }
    }
}
