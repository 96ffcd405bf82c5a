using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Refunds.Dashboard.Endpoints.AdminRefunds;
using Refunds.Dashboard.Endpoints.RefundInitiation;
using Scalar.AspNetCore;

namespace Refunds.Dashboard.Endpoints;

public static class ApiHosting
{
    /// <summary>JSON in Lean's style (snake_case, UTC instants) and the OpenAPI document of the real endpoints.</summary>
    public static WebApplicationBuilder AddRefundsApi(this WebApplicationBuilder builder)
    {
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            UseLeanJson(o.SerializerOptions);
            o.SerializerOptions.TypeInfoResolver = (o.SerializerOptions.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver())
                .WithAddedModifier(RequestContracts.AsItsSurfaceReadsIt);
        });
        builder.Services.AddSingleton<OpenApiDocumentJson>();
        builder.Services.AddOpenApi(OpenApiDocumentJson.DocumentName, o =>
        {
            OpenApiExamples.AddTo(o);
            o.AddSchemaTransformer(RequestContracts.DocumentRequiredAndAllowedValues);
            o.AddOperationTransformer(RequestContracts.DocumentBatchSize);
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Refunds API",
                    Version = "1.0",
                    Description = "Issue full or partial refunds against prior Pay by Bank payments, in the shape of Lean's Refunds API. "
                        + "Refunds need a checker other than their maker. Errors: {\"status\": \"<CODE>\", \"message\": \"...\", \"timestamp\": \"...\"}. "
                        + "The seed APIs on the same engine answer in their own shapes: Admin refunds ({\"error\", \"message\"}) "
                        + "and Refund initiation ({\"statusCode\", \"success\": false, \"message\"}).",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes["BearerAuth"] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    BearerFormat = "JWT",
                    Description = "An access token from the identity provider's token endpoint (client credentials grant).",
                };
                document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("BearerAuth", document)] = [] }];
                return Task.CompletedTask;
            });
        });
        return builder;
    }

    /// <summary>How the API writes JSON: snake_case names, UTC instants. Webhook bodies are written the same way.</summary>
    internal static void UseLeanJson(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        // Numbers are numbers, as the surfaces read them (the web defaults would also take "10" for 10).
        options.NumberHandling = JsonNumberHandling.Strict;
        options.Converters.Add(new UtcInstantConverter());
    }

    public static WebApplication MapRefundsApi(this WebApplication app)
    {
        app.MapGet(OpenApiDocumentJson.Path, async (OpenApiDocumentJson document) => Results.Text(await document.GetAsync(), "application/json; charset=utf-8"))
            .AllowAnonymous().ExcludeFromDescription();
        app.MapScalarApiReference("/api-docs", o => o.WithTitle("Refunds API").WithOpenApiRoutePattern("/openapi/{documentName}.json")).AllowAnonymous();
        app.MapReasonEndpoints();
        app.MapRefundEndpoints();
        app.MapPaymentEndpoints();
        app.MapStatementEndpoints();
        app.MapAnalyticsEndpoints();
        app.MapPayoutFileEndpoints();
        app.MapApprovalPolicyEndpoints();
        app.MapAdminRefundEndpoints();
        app.MapRefundInitiationEndpoints();
        app.MapWebhookApi();
        return app;
    }

    /// <summary>Every API surface, each with its own error shape. A path belongs to the surface with its longest prefix.</summary>
    private static readonly IReadOnlyList<ApiSurface> Surfaces = [LeanApiSurface.Instance, AdminRefundsSurface.Instance, RefundInitiationSurface.Instance];

    /// <summary>The surface a path belongs to, or null outside the REST API.</summary>
    public static ApiSurface? SurfaceOf(PathString path) =>
        Surfaces.SelectMany(s => s.Paths.Where(p => path.StartsWithSegments(p)).Select(p => (Surface: s, Length: p.Value!.Length)))
            .OrderByDescending(m => m.Length).Select(m => m.Surface).FirstOrDefault();

    /// <summary>The surface of the request: its endpoint's, else its path's; Lean's for any other API request.</summary>
    public static ApiSurface SurfaceOf(HttpContext http) =>
        http.GetEndpoint()?.Metadata.GetMetadata<ApiSurface>() ?? SurfaceOf(http.Request.Path) ?? LeanApiSurface.Instance;

    /// <summary>The paths of the REST API, whose every error answers in its surface's shape.</summary>
    public static bool IsApiPath(PathString path) => SurfaceOf(path) is not null;

    /// <summary>Bare status codes from routing (unknown path, wrong method, not JSON) get the surface's error shape too.</summary>
    public static async Task WriteBareStatusAsError(StatusCodeContext context)
    {
        var http = context.HttpContext;
        if (!IsApiPath(http.Request.Path)) return;
        var (code, message) = http.Response.StatusCode switch
        {
            StatusCodes.Status404NotFound => ("NOT_FOUND", $"There is no {http.Request.Path} in this API."),
            StatusCodes.Status405MethodNotAllowed => ("METHOD_NOT_ALLOWED", $"{http.Request.Method} is not allowed on {http.Request.Path}."),
            StatusCodes.Status415UnsupportedMediaType => ("UNSUPPORTED_MEDIA_TYPE", "Send the body as JSON, with Content-Type: application/json."),
            _ => ("INVALID_REQUEST", "The request could not be handled."),
        };
        await SurfaceOf(http).WriteAsync(http, http.Response.StatusCode, code, message);
    }

    /// <summary>An unexpected failure answers without details: in the API's shape on API paths, as a plain page elsewhere.</summary>
    public static async Task WriteUnexpectedErrorAsync(HttpContext context)
    {
        var failure = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        var (status, code, message) = failure is BadHttpRequestException bad
            ? (bad.StatusCode, "INVALID_REQUEST", bad.Message)
            : (StatusCodes.Status500InternalServerError, "INTERNAL_ERROR", "Something went wrong on our side; nothing was changed. Try again, or contact support with the time of the request.");
        if (IsApiPath(context.Request.Path))
        {
            await SurfaceOf(context).WriteAsync(context, status, code, message);
            return;
        }
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync("<!DOCTYPE html><html lang=\"en\"><head><title>Refunds</title></head><body><main><h1>Something went wrong</h1>"
            + "<p>Nothing was changed. <a href=\"/\">Go back to the dashboard</a> and try again.</p></main></body></html>");
    }
}
