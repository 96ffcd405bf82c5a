using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;
using Refunds.Core.Refunds;

namespace Refunds.Dashboard.Endpoints.RefundInitiation;

/// <summary>
/// Our statuses in seed 003's words: the one table, also in the README.
/// pending: initiated, awaiting processing; processing: on its way through the bank; failed: failed or rejected.
/// </summary>
public static class RefundInitiationStatus
{
    private static readonly FrozenDictionary<RefundStatus, string> Words = new Dictionary<RefundStatus, string>
    {
        [RefundStatus.Created] = "pending",
        // Approved refunds are queued for the bank at once: processing has begun.
        [RefundStatus.Approved] = "processing",
        [RefundStatus.PendingWithBank] = "processing",
        [RefundStatus.AcceptedByBank] = "completed",
        [RefundStatus.Failed] = "failed",
        [RefundStatus.Rejected] = "failed",
        [RefundStatus.Cancelled] = "cancelled",
    }.ToFrozenDictionary();

    public static string Of(RefundStatus status) => Words[status];
}

/// <summary>The 201 answer to <c>POST /v1/refunds/initiate</c>.</summary>
public sealed record InitiatedRefundJson(
    [property: JsonPropertyName("statusCode")] int StatusCode,
    [property: JsonPropertyName("success")] bool Success,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("data")] InitiatedRefundDataJson Data)
{
    /// <summary>What a new refund waits for: a second person's approval, then the bank.</summary>
    public const string EstimatedProcessingTime = "Awaiting approval; paid out by the bank within 1-3 business days once approved";

    public static InitiatedRefundJson From(Refund refund) => new(StatusCodes.Status201Created, true, "Refund initiated successfully",
        new InitiatedRefundDataJson(refund.Id, RefundInitiationStatus.Of(refund.Status), EstimatedProcessingTime, refund.ApprovalsRequired,
            ApprovalJson.Of(refund)));
}

public sealed record InitiatedRefundDataJson(
    [property: JsonPropertyName("refundId")] Guid RefundId,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("estimatedProcessingTime")] string EstimatedProcessingTime,
    [property: JsonPropertyName("approvalsRequired")] int ApprovalsRequired,
    [property: JsonPropertyName("approvals")] IReadOnlyList<ApprovalJson> Approvals);

/// <summary>The 200 answer to <c>GET /v1/refunds/{refundId}/status</c>.</summary>
public sealed record RefundStatusJson(
    [property: JsonPropertyName("statusCode")] int StatusCode,
    [property: JsonPropertyName("success")] bool Success,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("refund")] RefundStatusRefundJson Refund)
{
    public static RefundStatusJson From(Refund refund) =>
        new(StatusCodes.Status200OK, true, "Refund status retrieved successfully", RefundStatusRefundJson.From(refund));
}

/// <summary>
/// A refund in seed 003's words. <c>originalTransactionId</c> is the payment id; <c>reason</c> the text
/// given (else the reason code); <c>initiatedBy</c> the maker; <c>processedAt</c> when it reached a
/// final status (null before); <c>metadata</c> as it was sent.
/// </summary>
public sealed record RefundStatusRefundJson(
    [property: JsonPropertyName("refundId")] Guid RefundId,
    [property: JsonPropertyName("originalTransactionId")] Guid OriginalTransactionId,
    [property: JsonPropertyName("amount")] decimal Amount,
    [property: JsonPropertyName("originalAmount")] decimal OriginalAmount,
    [property: JsonPropertyName("currency")] string Currency,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("refundType")] string RefundType,
    [property: JsonPropertyName("reason")] string Reason,
    [property: JsonPropertyName("initiatedBy")] string InitiatedBy,
    [property: JsonPropertyName("processedAt")] DateTimeOffset? ProcessedAt,
    [property: JsonPropertyName("createdAt")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("updatedAt")] DateTimeOffset UpdatedAt,
    [property: JsonPropertyName("metadata")] JsonElement? Metadata,
    [property: JsonPropertyName("approvalsRequired")] int ApprovalsRequired,
    [property: JsonPropertyName("approvals")] IReadOnlyList<ApprovalJson> Approvals)
{
    public static RefundStatusRefundJson From(Refund refund) => new(
        refund.Id, refund.PaymentId, refund.Amount.Major, refund.Payment.Amount.Major, refund.CurrencyCode,
        RefundInitiationStatus.Of(refund.Status), TypeOf(refund), refund.Description ?? refund.ReasonCode, refund.CreatedBy,
        RefundStatusTransitions.IsFinal(refund.Status) ? refund.UpdatedAt : null, refund.CreatedAt, refund.UpdatedAt,
        refund.Metadata is { } metadata ? JsonDocument.Parse(metadata).RootElement.Clone() : null, refund.ApprovalsRequired, ApprovalJson.Of(refund));

    /// <summary>The kind its maker asked for; for refunds made without saying, full when it returns the whole payment.</summary>
    private static string TypeOf(Refund refund) =>
        (refund.Kind ?? (refund.AmountMinor == refund.Payment.AmountMinor ? RefundKind.Full : RefundKind.Partial)) == RefundKind.Full ? "full" : "partial";
}
