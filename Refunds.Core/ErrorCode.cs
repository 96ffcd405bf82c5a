namespace Refunds.Core;

/// <summary>
/// The engine's named errors. On the wire they are upper snake case, as Lean's are
/// (<see cref="WireName"/>: <c>PaymentNotReconciled</c> is <c>PAYMENT_NOT_RECONCILED</c>).
/// </summary>
public enum ErrorCode
{
    InvalidRequest,
    InvalidAmount,
    InvalidCurrency,
    InvalidIban,
    InvalidReasonCode,
    InvalidStatus,
    CurrencyMismatch,
    PaymentNotFound,
    PaymentNotReconciled,
    PaymentNotSettled,
    PaymentConflict,
    PaymentFullyRefunded,
    AmountExceedsRefundable,
    RefundNotFound,
    ReasonCodeExists,
    OperationNotAllowed,
    MakerCheckerViolation,
    InvalidStatusTransition,
    IdempotencyKeyReused,
    ConcurrentUpdate,
    InvalidBankFile,
    StatementNotFound,
    PolicyNotFound,
    PayloadTooLarge,
    PayoutFileNotFound,
    NoRefundsToFile,
    InvalidWebhookUrl,
    WebhookEndpointNotFound,
    WebhookDeliveryNotFound,
}
