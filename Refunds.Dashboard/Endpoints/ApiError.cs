using System.Text.Json.Serialization;
using Refunds.Core;

namespace Refunds.Dashboard.Endpoints;

/// <summary>
/// The one error shape of the Lean-shaped API: <c>{"status": "&lt;CODE&gt;", "message": "...", "timestamp": "..."}</c>,
/// plus <c>errors</c> listing each failing item of a batch.
/// </summary>
public sealed record ApiError(
    string Status,
    string Message,
    DateTimeOffset Timestamp,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<ApiItemError>? Errors = null)
{
    /// <summary>
    /// The HTTP status of an engine error. A refused batch answers with the status of its first
    /// failing item; <c>errors</c> lists them all.
    /// </summary>
    public static int HttpStatusOf(ErrorCode code) => code switch
    {
        ErrorCode.OperationNotAllowed or ErrorCode.MakerCheckerViolation => StatusCodes.Status403Forbidden,
        ErrorCode.RefundNotFound or ErrorCode.PaymentNotFound or ErrorCode.StatementNotFound or ErrorCode.PayoutFileNotFound or ErrorCode.PolicyNotFound
            or ErrorCode.WebhookEndpointNotFound or ErrorCode.WebhookDeliveryNotFound => StatusCodes.Status404NotFound,
        ErrorCode.PayloadTooLarge => StatusCodes.Status413PayloadTooLarge,
        ErrorCode.IdempotencyKeyReused or ErrorCode.ConcurrentUpdate or ErrorCode.InvalidStatusTransition
            or ErrorCode.PaymentConflict or ErrorCode.ReasonCodeExists or ErrorCode.NoRefundsToFile => StatusCodes.Status409Conflict,
        _ => StatusCodes.Status400BadRequest,
    };
}

public sealed record ApiItemError(int Index, string Status, string Message);
