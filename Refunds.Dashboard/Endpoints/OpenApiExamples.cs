using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Refunds.Dashboard.Endpoints;

/// <summary>Request and response examples in the OpenAPI document, taken from Lean's guide.</summary>
internal static class OpenApiExamples
{
    private static readonly Dictionary<string, string> Requests = new()
    {
        ["createRefund"] = """
            [{"payment_id": "3f2a0c55-8d47-4a57-a9d6-2c4e7f0b1d22", "amount": 100.00, "currency": "AED", "reason_code": "CUSTOMER_REQUEST",
              "description": "Customer requested refund", "external_reference": "REF123",
              "beneficiary": {"name": "John Doe", "iban": "AE070331234567890123456", "city": "Dubai"}, "idempotency_key": "order-8812-refund-1"}]
            """,
        ["processRefunds"] = """[{"refund_id": "01a209ae-5814-7120-a8c8-21a141027a57", "status": "CONFIRMED"}]""",
        ["ingestPayments"] = """
            [{"payment_id": "3f2a0c55-8d47-4a57-a9d6-2c4e7f0b1d22", "amount": 250.00, "currency": "AED", "status": "ACCEPTED_BY_BANK",
              "payer": {"name": "John Doe", "iban": "AE070331234567890123456", "city": "Dubai", "bank": "Emirates NBD"},
              "customer_id": "CUST-1042", "merchant_reference": "ORD-8812"}]
            """,
        ["reconcilePayment"] = """{"statement_reference": "STMT-20261120-0042", "statement_date": "2026-11-20"}""",
    };

    private static readonly Dictionary<string, string> Responses = new()
    {
        ["getRefundReasons"] = """
            [{"code": "CUSTOMER_REQUEST", "description": "Requested by the client"}, {"code": "DUPLICATED_PAYMENT", "description": "Duplicated Payment"},
             {"code": "ORDER_CANCELLED", "description": "Service/Order Cancellation"}, {"code": "FRAUDULENT_PAYMENT", "description": "Fraudulent Payment"}]
            """,
        ["processRefunds"] = """[{"refund_id": "01a209ae-5814-7120-a8c8-21a141027a57", "status": "APPROVED", "actioned_by": "integration-checker", "actioned_at": "2026-11-23T10:15:00Z"}]""",
    };

    public static void AddTo(OpenApiOptions options) => options.AddOperationTransformer((operation, _, _) =>
    {
        if (operation.OperationId is not { } id) return Task.CompletedTask;
        if (Requests.TryGetValue(id, out var request) && operation.RequestBody?.Content?.TryGetValue("application/json", out var body) == true)
            body.Example = JsonNode.Parse(request);
        if (Responses.TryGetValue(id, out var response) && operation.Responses?.Values.FirstOrDefault()?.Content?.TryGetValue("application/json", out var ok) == true)
            ok.Example = JsonNode.Parse(response);
        return Task.CompletedTask;
    });
}
