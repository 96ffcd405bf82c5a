using System.Text.Json.Serialization;
using Refunds.Core;

namespace Refunds.Dashboard.Endpoints.RefundInitiation;

/// <summary>
/// The refund initiation API of seed 003 (<c>/v1/refunds</c>): errors are
/// <c>{statusCode, success: false, message}</c>, with the seed's own messages where it names them.
/// </summary>
public sealed class RefundInitiationSurface : ApiSurface
{
    public static readonly RefundInitiationSurface Instance = new();

    private RefundInitiationSurface()
        : base("/v1/refunds")
    {
    }

    public override int StatusOf(RuleViolation violation) => violation.Code switch
    {
        ErrorCode.PaymentNotFound or ErrorCode.RefundNotFound => StatusCodes.Status404NotFound,
        ErrorCode.PaymentFullyRefunded or ErrorCode.PaymentConflict or ErrorCode.IdempotencyKeyReused or ErrorCode.ConcurrentUpdate
            or ErrorCode.InvalidStatusTransition => StatusCodes.Status409Conflict,
        ErrorCode.OperationNotAllowed or ErrorCode.MakerCheckerViolation => StatusCodes.Status403Forbidden,
        // Everything else, AMOUNT_EXCEEDS_REFUNDABLE and PAYMENT_NOT_RECONCILED included, is the seed's 400.
        _ => StatusCodes.Status400BadRequest,
    };

    public override object Error(int status, string code, string message, RuleViolation? violation, DateTimeOffset at) =>
        new RefundInitiationError(status, false, SeedMessage(violation?.Code) ?? OneItemMessage(violation) ?? message);

    /// <summary>The seed's words for the errors it documents.</summary>
    private static string? SeedMessage(ErrorCode? code) => code switch
    {
        ErrorCode.AmountExceedsRefundable => "Refund amount cannot exceed original transaction amount",
        ErrorCode.PaymentNotFound => "Original transaction not found",
        ErrorCode.PaymentFullyRefunded => "Transaction has already been fully refunded",
        ErrorCode.RefundNotFound => "Refund not found",
        _ => null,
    };
}

/// <summary>Every error of the refund initiation API.</summary>
public sealed record RefundInitiationError(
    [property: JsonPropertyName("statusCode")] int StatusCode,
    [property: JsonPropertyName("success")] bool Success,
    [property: JsonPropertyName("message")] string Message);
