using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Refunds.Core.Payments;

namespace Refunds.Dashboard.Tests.Support;

/// <summary>
/// The dashboard with one more integration client, <c>integration-both</c>, allowed to create and
/// approve (so maker-checker can be seen refusing it), and helpers to call the API as each client.
/// </summary>
public class ApiFactory : DashboardFactory
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("BuiltInProvider:Clients:2:ClientId", "integration-both"),
        new("BuiltInProvider:Clients:2:ClientSecret", "integration-both-secret"),
        new("BuiltInProvider:Clients:2:Scopes:0", "refunds:read"),
        new("BuiltInProvider:Clients:2:Scopes:1", "refunds:write"),
        new("BuiltInProvider:Clients:2:Scopes:2", "refunds:approve"),
        new("BuiltInProvider:Clients:2:Scopes:3", "payments:read"),
        new("BuiltInProvider:Clients:2:Scopes:4", "payments:write"),
        new("BuiltInProvider:Clients:2:Scopes:5", "policy:write"),
        new("BuiltInProvider:Clients:2:Scopes:6", "webhooks:manage"),
        // Approved refunds stay APPROVED unless a test class turns payouts on (PayingApiFactory).
        new("Payouts:DispatcherEnabled", "false"),
        .. ExtraSettings,
    ];

    protected virtual IEnumerable<KeyValuePair<string, string?>> ExtraSettings => [];

    /// <summary>The API with the payout dispatcher running against a quick simulated bank.</summary>
    public sealed class Paying : ApiFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings =>
        [
            new("Payouts:DispatcherEnabled", "true"),
            new("Payouts:PollInterval", "00:00:00.100"),
            new("SimulatedBank:SettlementDelay", "00:00:00.200"),
        ];
    }

    /// <summary>The API on the bank-file rail: approved refunds wait for a payout file.</summary>
    public sealed class OnBankFileRail : ApiFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings =>
        [
            new("Payouts:Rail", "BankFile"),
            new("BankFile:Debtor:Name", "Refunds Trading LLC"),
            new("BankFile:Debtor:Iban", BankFileRail.DebtorIban),
            new("BankFile:Debtor:Bic", "EBILAEAD"),
        ];
    }

    /// <summary>
    /// The API with more clients for the approval policy: a second checker, a checker holding
    /// <c>refunds:approve_senior</c>, and a second policy admin (<c>integration-both</c> is the first).
    /// </summary>
    public sealed class WithApprovers : ApiFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings =>
        [
            .. Client(3, "checker-2", "refunds:read", "refunds:approve"),
            .. Client(4, "senior-checker", "refunds:read", "refunds:approve", "refunds:approve_senior"),
            .. Client(5, "policy-admin-2", "refunds:read", "policy:write"),
        ];

        private static IEnumerable<KeyValuePair<string, string?>> Client(int index, string clientId, params string[] scopes) =>
        [
            new($"BuiltInProvider:Clients:{index}:ClientId", clientId),
            new($"BuiltInProvider:Clients:{index}:ClientSecret", $"{clientId}-secret"),
            .. scopes.Select((scope, i) => new KeyValuePair<string, string?>($"BuiltInProvider:Clients:{index}:Scopes:{i}", scope)),
        ];
    }

    private readonly Dictionary<string, HttpClient> _clients = [];

    /// <summary>A client holding a token of the named integration client (every scope it has).</summary>
    public async Task<HttpClient> As(string clientId)
    {
        if (!_clients.TryGetValue(clientId, out var client))
            _clients[clientId] = client = ApiClient(await TokenAsync(clientId));
        return client;
    }

    public Task<HttpClient> Maker() => As("integration-maker");

    public Task<HttpClient> Checker() => As("integration-checker");

    /// <summary>A payment recorded through the API and, unless told otherwise, reconciled.</summary>
    public async Task<Guid> PaymentAsync(decimal amount = 100m, string currency = "AED", bool reconciled = true, string? customerId = "CUST-1")
    {
        var id = Guid.NewGuid();
        await RecordPaymentAsync(id, amount, currency, reconciled, customerId, ("merchant_reference", $"ORD-{id.ToString("N")[..8]}"));
        return id;
    }

    /// <summary>A payment recorded with a <c>charge_id</c> (as a Stripe-shaped payment system sends it) and, unless told otherwise, reconciled.</summary>
    public async Task<(Guid PaymentId, string ChargeId)> ChargeAsync(decimal amount = 100m, string currency = "AED", bool reconciled = true,
        string customerId = "CUST-1")
    {
        var id = Guid.NewGuid();
        var chargeId = $"ch_{id:N}";
        await RecordPaymentAsync(id, amount, currency, reconciled, customerId, ("charge_id", chargeId));
        return (id, chargeId);
    }

    private async Task RecordPaymentAsync(Guid id, decimal amount, string currency, bool reconciled, string? customerId, (string Field, string Value) reference)
    {
        var maker = await Maker();
        var ingest = await maker.PostAsJsonAsync("/payments", new Dictionary<string, object?>
        {
            ["payment_id"] = id,
            ["amount"] = amount,
            ["currency"] = currency,
            ["payer"] = new { name = "Ahmed Haddad", iban = EngineHarness.ValidIban, city = "Abu Dhabi", bank = "ENBD" },
            ["customer_id"] = customerId,
            [reference.Field] = reference.Value,
        });
        Assert.Equal(HttpStatusCode.Created, ingest.StatusCode);
        if (reconciled)
        {
            var reconcile = await maker.PostAsJsonAsync($"/payments/{id}/reconciliation", new { statement_reference = $"STMT-{id:N}" });
            Assert.Equal(HttpStatusCode.OK, reconcile.StatusCode);
        }
    }

    /// <summary>Approves a refund as the checker client.</summary>
    public async Task ApproveAsync(Guid refundId, string status = "APPROVED")
    {
        var response = await (await Checker()).PutAsJsonAsync("/payouts/refunds", new[] { new { refund_id = refundId, status } });
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    /// <summary>A refund as the Lean-shaped API shows it (its <c>refund</c> part).</summary>
    public async Task<JsonNode> LeanRefundAsync(Guid refundId) =>
        (await Json(await (await Checker()).GetAsync($"/payouts/refunds/{refundId}")))["refund"]!;

    /// <summary>Creates one refund as the maker client; returns its id.</summary>
    public async Task<Guid> RefundAsync(Guid paymentId, decimal amount = 10m, string client = "integration-maker", string currency = "AED")
    {
        var response = await (await As(client)).PostAsJsonAsync("/payouts/refunds",
            new[] { new { payment_id = paymentId, amount, currency, reason_code = "CUSTOMER_REQUEST" } });
        var body = await Json(response);
        Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToJsonString());
        return body[0]!["refund_id"]!.GetValue<Guid>();
    }

    public static async Task<JsonNode> Json(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync()) ?? throw new InvalidOperationException("Empty body");

    public static StringContent Raw(string json, string contentType = "application/json") => new(json, Encoding.UTF8, contentType);

    public async Task<long> RefundCountAsync()
    {
        var page = await Json(await (await Checker()).GetAsync("/payouts/refunds?size=1"));
        return page["page"]!["total_elements"]!.GetValue<long>();
    }

    /// <summary>Asserts the API's error shape, status and code; returns the body.</summary>
    public static async Task<JsonNode> AssertError(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode} {text}");
        var body = JsonNode.Parse(text)!;
        Assert.Equal(code, body["status"]!.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(body["message"]!.GetValue<string>()));
        Assert.True(DateTimeOffset.TryParse(body["timestamp"]!.GetValue<string>(), out _));
        return body;
    }

    public static string Serialize(object value) => JsonSerializer.Serialize(value);
}
