using Refunds.Core;

namespace Refunds.Dashboard.Endpoints.AdminRefunds;

/// <summary>The admin refunds API of seeds 002 and 004 (<c>/v1/admin/refunds</c>): errors are <c>{error, message}</c>.</summary>
public sealed class AdminRefundsSurface : ApiSurface
{
    public static readonly AdminRefundsSurface Instance = new();

    private AdminRefundsSurface()
        : base("/v1/admin")
    {
    }

    /// <summary>The seed's statuses: 404 not found, 409 already refunded, 412 not reconciled, 422 anything invalid.</summary>
    public override int StatusOf(RuleViolation violation) => violation.Code switch
    {
        ErrorCode.PaymentNotFound or ErrorCode.RefundNotFound => StatusCodes.Status404NotFound,
        ErrorCode.PaymentNotReconciled or ErrorCode.PaymentNotSettled => StatusCodes.Status412PreconditionFailed,
        // The engine answers PAYMENT_FULLY_REFUNDED when nothing is left; AMOUNT_EXCEEDS_REFUNDABLE (something is left) is a 422.
        ErrorCode.PaymentFullyRefunded or ErrorCode.PaymentConflict or ErrorCode.IdempotencyKeyReused or ErrorCode.ConcurrentUpdate
            or ErrorCode.InvalidStatusTransition => StatusCodes.Status409Conflict,
        ErrorCode.OperationNotAllowed or ErrorCode.MakerCheckerViolation => StatusCodes.Status403Forbidden,
        _ => StatusCodes.Status422UnprocessableEntity,
    };

    public override object Error(int status, string code, string message, RuleViolation? violation, DateTimeOffset at) =>
        new AdminRefundError(code, OneItemMessage(violation) ?? message);
}

/// <summary>Every error of the admin refunds API.</summary>
public sealed record AdminRefundError(string Error, string Message);
