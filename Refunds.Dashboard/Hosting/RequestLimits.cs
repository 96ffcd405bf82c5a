using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Refunds.Core.Payouts.BankFile;
using Refunds.Core.Statements;
using Refunds.Dashboard.Endpoints;

namespace Refunds.Dashboard.Hosting;

/// <summary>Section <c>RequestLimits</c>.</summary>
public sealed class RequestLimitOptions
{
    public const string Section = "RequestLimits";

    /// <summary>The largest REST request body accepted; larger ones get 413 before they are read.</summary>
    [Range(1024, 100 * 1024 * 1024)]
    public long MaxApiBodyBytes { get; set; } = 1024 * 1024;
}

/// <summary>Refuses oversized REST bodies with 413 in the API's shape, whether announced (Content-Length) or streamed.</summary>
internal sealed class RequestLimits(RequestDelegate next, IOptions<RequestLimitOptions> options, IOptions<StatementOptions> statements,
    IOptions<BankFileOptions> bankFiles, TimeProvider clock)
{
    public async Task InvokeAsync(HttpContext http)
    {
        if (!ApiHosting.IsApiPath(http.Request.Path))
        {
            await next(http);
            return;
        }
        // A bank statement or status report is a file, not a batch: each has a limit of its own.
        var fileLimit = !HttpMethods.IsPost(http.Request.Method) ? (long?)null
            : http.Request.Path.Equals("/statements", StringComparison.OrdinalIgnoreCase) ? statements.Value.MaxFileBytes
            : http.Request.Path.Equals("/payout-files/status-reports", StringComparison.OrdinalIgnoreCase) ? bankFiles.Value.MaxReportBytes
            : null;
        var isFile = fileLimit is not null;
        var limit = fileLimit ?? options.Value.MaxApiBodyBytes;
        if (http.Request.ContentLength > limit)
        {
            http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            await http.Response.WriteAsJsonAsync(new ApiError("PAYLOAD_TOO_LARGE",
                $"The request body is {http.Request.ContentLength} bytes; at most {limit} are accepted.{(isFile ? "" : " Split the batch.")}", clock.GetUtcNow()));
            return;
        }
        // A streamed body without a length is cut off by the server at the same limit.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature) feature.MaxRequestBodySize = limit;
        await next(http);
    }
}
