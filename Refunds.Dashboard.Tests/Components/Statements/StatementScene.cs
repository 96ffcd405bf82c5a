using System.Text;
using Refunds.Core.Payments;
using Refunds.Core.Statements;
using Refunds.Dashboard.Tests.Support;
using static Refunds.Dashboard.Tests.Support.EngineHarness;

namespace Refunds.Dashboard.Tests.Components.Statements;

/// <summary>
/// Payments and a CSV statement that pays for them, one line of each result: matched, ambiguous (an order
/// charged twice), unmatched (no reference, but a payment of its amount awaits reconciliation) and ignored (a fee).
/// </summary>
public sealed record StatementScene(Payment Matched, Payment FirstCharge, Payment SecondCharge, Payment Unreferenced, string Csv)
{
    public const string Header = "booking_date,amount,currency,reference,end_to_end_id,debtor_name,debtor_iban";

    public static string CsvOf(params string[] records) => Header + "\n" + string.Join("\n", records) + "\n";

    public static async Task<StatementScene> RecordAsync(EngineHarness engine)
    {
        var matched = await UnreconciledAsync(engine, 20.00m, "ORD-MATCHED-1");
        var first = await UnreconciledAsync(engine, 40.00m, "ORD-TWICE-7");
        var second = await UnreconciledAsync(engine, 40.00m, "ORD-TWICE-7");
        var unreferenced = await UnreconciledAsync(engine, 75.00m, "ORD-LOST-9");
        var csv = CsvOf(
            "2026-11-30,20.00,AED,ORD-MATCHED-1,,Ahmed Haddad,",
            "2026-11-30,40.00,AED,Order ORD-TWICE-7,,Ahmed Haddad,",
            "2026-11-30,75.00,AED,no reference given,,Ahmed Haddad,",
            "2026-11-30,-5.00,AED,bank fee,,,");
        return new StatementScene(matched, first, second, unreferenced, csv);
    }

    public async Task<StatementImport> ImportAsync(EngineHarness engine) =>
        (await engine.Get<StatementImporter>().ImportAsync(Feed, new MemoryStream(Encoding.UTF8.GetBytes(Csv)), StatementFileType.Csv)).Import;

    private static async Task<Payment> UnreconciledAsync(EngineHarness engine, decimal amount, string merchantReference)
    {
        var id = Guid.NewGuid();
        await engine.Payments.IngestAsync(Feed, [NewPayment(id, amount) with { MerchantReference = merchantReference }]);
        return await engine.PaymentByIdAsync(id);
    }
}
