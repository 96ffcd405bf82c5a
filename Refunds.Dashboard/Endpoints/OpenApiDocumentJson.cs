using System.Globalization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Refunds.Dashboard.Endpoints;

/// <summary>
/// The served OpenAPI document, built once per process: nothing in it changes while the app runs, and
/// building it (every schema and transformer) costs far more than sending it. It names no server, so
/// clients and the interactive reference call the host they read it from.
/// </summary>
internal sealed class OpenApiDocumentJson([FromKeyedServices(OpenApiDocumentJson.DocumentName)] IOpenApiDocumentProvider provider)
{
    public const string DocumentName = "v1";
    public const string Path = "/openapi/" + DocumentName + ".json";

    private readonly Lazy<Task<string>> _json = new(() => BuildAsync(provider));

    public Task<string> GetAsync() => _json.Value;

    private static async Task<string> BuildAsync(IOpenApiDocumentProvider provider)
    {
        var document = await provider.GetOpenApiDocumentAsync(CancellationToken.None);
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        document.SerializeAsV31(new OpenApiJsonWriter(text));
        return text.ToString();
    }
}
