using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Refunds.Core.Access;
using Refunds.Core.Approvals;
using Refunds.Core.Payments;
using Refunds.Core.Persistence;
using Refunds.Core.Refunds;

namespace Refunds.Core.Demo;

/// <summary>
/// Fills an empty database with two months of believable payments and refunds in every status, so
/// every screen has content on first run. It goes through the engine's own rules (intake,
/// reconciliation, maker-checker) with a clock it moves back in time; only the bank's outcomes,
/// which the payout dispatcher records in real life, are written directly.
/// </summary>
public sealed class DemoData(IDbContextFactory<RefundsDbContext> contexts, UnitOfWork unitOfWork, MakerCheckerPolicy makerChecker,
    ApprovalPolicies approvalPolicies, IOptions<RefundsOptions> options, TimeProvider clock)
{
    /// <summary>The demo users of the built-in identity provider; their refunds show four eyes at work.</summary>
    public static readonly Actor Initiator = new("initiator", "Iman Initiator", ActorKind.Person, Permission.ReadRefunds | Permission.WriteRefunds | Permission.ReadPayments);
    public static readonly Actor Approver = new("approver", "Adam Approver", ActorKind.Person, Permission.ReadRefunds | Permission.ApproveRefunds | Permission.ReadPayments);
    public static readonly Actor Approver2 = new("approver2", "Aisha Approver", ActorKind.Person, Permission.ReadRefunds | Permission.ApproveRefunds | Permission.ReadPayments);
    private static readonly Actor PaymentFeed = new("payment-feed", "Payment feed", ActorKind.System, Permission.WritePayments);

    private static readonly string[] FirstNames = ["Ahmed", "Fatima", "Omar", "Layla", "Yousef", "Mariam", "Khalid", "Noura", "Hassan", "Sara", "Ali", "Huda", "Faisal", "Reem", "Tariq", "Dana"];
    private static readonly string[] LastNames = ["Al Mansouri", "Al Qasimi", "Haddad", "Al Harbi", "Nasser", "Al Otaibi", "Saleh", "Al Suwaidi", "Karim", "Al Dossari"];
    private static readonly string[] Merchants = ["ORD", "INV", "BKG", "SUB"];

    /// <summary>Two payments of one order (the customer was charged twice), both awaiting reconciliation.</summary>
    public static readonly Guid[] DuplicateCharges = [new("0d0b1e00-0000-4000-8000-000000007731"), new("0d0b1e00-0000-4000-8000-000000007732")];

    /// <summary>Seeds only an empty database; returns whether it did.</summary>
    public async Task<bool> SeedIfEmptyAsync(CancellationToken cancellationToken = default)
    {
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            if (await db.Payments.AnyAsync(cancellationToken)) return false;
        }

        var random = new Random(20261123);
        var now = clock.GetUtcNow();
        var demoClock = new DemoClock();
        var intake = new PaymentIntake(unitOfWork, options, demoClock);
        var engine = new RefundEngine(unitOfWork, makerChecker, approvalPolicies, options, demoClock);

        var payments = Enumerable.Range(0, 200).Select(i => NewDemoPayment(random, now, i)).OrderBy(p => p.CreatedAt).ToList();
        await intake.IngestAsync(PaymentFeed, payments, cancellationToken);

        // About 80% reconciled, a day or two after payment; the newest are often still waiting.
        var reconciled = new List<NewPayment>();
        foreach (var payment in payments.Where(p => p.Status == PaymentStatus.AcceptedByBank && random.NextDouble() < 0.82))
        {
            var at = payment.CreatedAt!.Value.AddHours(random.Next(18, 60));
            if (at > now) continue;
            demoClock.Now = at;
            await intake.ReconcileAsync(PaymentFeed, payment.PaymentId, $"STMT-{at:yyyyMMdd}-{random.Next(1000, 9999)}", at, cancellationToken);
            reconciled.Add(payment);
        }

        // A customer charged twice for one order, neither charge reconciled yet: a statement line naming the
        // order fits both, so it waits for an operator (docs/samples/ show it).
        var yesterday = now.AddDays(-1);
        var payer = new PayerAccount("Mariam Haddad", Iban.Create("AE", "0260001015331234601"), "Dubai", "Emirates NBD");
        await intake.IngestAsync(PaymentFeed,
        [
            new NewPayment(DuplicateCharges[0], 349.00m, "AED", PaymentStatus.AcceptedByBank, payer, "CUST-1299", "ORD-DUPLICATE-7731", yesterday),
            new NewPayment(DuplicateCharges[1], 349.00m, "AED", PaymentStatus.AcceptedByBank, payer, "CUST-1299", "ORD-DUPLICATE-7731", yesterday.AddMinutes(2)),
        ], cancellationToken);

        // Refunds in every status, on reconciled payments, spread over the period.
        RefundStatus[] outcomes =
        [
            .. Enumerable.Repeat(RefundStatus.Created, 9), .. Enumerable.Repeat(RefundStatus.Approved, 2),
            .. Enumerable.Repeat(RefundStatus.PendingWithBank, 4), .. Enumerable.Repeat(RefundStatus.AcceptedByBank, 14),
            .. Enumerable.Repeat(RefundStatus.Failed, 3), .. Enumerable.Repeat(RefundStatus.Rejected, 5),
            .. Enumerable.Repeat(RefundStatus.Cancelled, 3),
        ];
        var reasons = new[] { "CUSTOMER_REQUEST", "CUSTOMER_REQUEST", "ORDER_CANCELLED", "DUPLICATED_PAYMENT", "FRAUDULENT_PAYMENT" };
        var targets = reconciled.OrderBy(_ => random.Next()).Take(outcomes.Length).ToList();
        for (var i = 0; i < targets.Count; i++)
        {
            var payment = targets[i];
            var outcome = outcomes[i];
            var createdAt = payment.CreatedAt!.Value.AddDays(random.Next(2, 6)).AddMinutes(random.Next(0, 600));
            // Open refunds are recent; settled ones may be older.
            if (outcome is RefundStatus.Created or RefundStatus.Approved or RefundStatus.PendingWithBank || createdAt > now)
                createdAt = now.AddHours(-random.Next(1, 72));
            var partial = random.NextDouble() < 0.55;
            var amount = partial ? decimal.Round(payment.Amount * (decimal)(0.2 + random.NextDouble() * 0.6), 2) : payment.Amount;

            demoClock.Now = createdAt;
            var refund = (await engine.CreateAsync(Initiator,
            [
                new RefundRequest(payment.PaymentId, amount, payment.Currency, reasons[random.Next(reasons.Length)],
                    Description: partial ? "Partial refund agreed with the customer" : "Full refund",
                    ExternalReference: $"CS-{random.Next(10000, 99999)}"),
            ], cancellationToken))[0];

            var checker = random.Next(2) == 0 ? Approver : Approver2;
            // Decided a little later, but never in the future (the bank's answer follows minutes after).
            var decidedAt = createdAt.AddMinutes(random.Next(10, 240));
            demoClock.Now = decidedAt < now.AddMinutes(-10) ? decidedAt : createdAt.AddMinutes((now - createdAt).TotalMinutes / 2);
            switch (outcome)
            {
                case RefundStatus.Rejected:
                    await engine.DecideAsync(checker, [new RefundDecision(refund.Id, RefundStatus.Rejected, "Customer already refunded by card chargeback")], cancellationToken);
                    break;
                case RefundStatus.Cancelled:
                    await engine.CancelAsync(Initiator, refund.Id, "Raised against the wrong order", cancellationToken);
                    break;
                case RefundStatus.Approved or RefundStatus.PendingWithBank or RefundStatus.AcceptedByBank or RefundStatus.Failed:
                    await engine.DecideAsync(checker, [new RefundDecision(refund.Id, RefundStatus.Approved)], cancellationToken);
                    await RecordBankOutcomeAsync(refund.Id, outcome, demoClock.Now, cancellationToken);
                    break;
            }
        }
        return true;
    }

    // What the payout dispatcher and the bank would have recorded for an approved refund.
    private Task RecordBankOutcomeAsync(Guid refundId, RefundStatus outcome, DateTimeOffset approvedAt, CancellationToken cancellationToken)
    {
        if (outcome == RefundStatus.Approved) return Task.CompletedTask;
        return unitOfWork.RunAsync(async (db, ct) =>
        {
            var refund = await db.Refunds.Include(r => r.Payment).SingleAsync(r => r.Id == refundId, ct);
            refund.MarkSentToBank($"BNK-{refundId.ToString("N")[..12].ToUpperInvariant()}", approvedAt.AddSeconds(20), approvedAt.AddMinutes(1));
            if (outcome == RefundStatus.AcceptedByBank) refund.MarkAcceptedByBank(approvedAt.AddMinutes(3));
            if (outcome == RefundStatus.Failed) refund.MarkFailed("Beneficiary account closed", approvedAt.AddMinutes(3));
            return refund;
        }, cancellationToken);
    }

    private static NewPayment NewDemoPayment(Random random, DateTimeOffset now, int index)
    {
        var roll = random.NextDouble();
        var (currency, iban, city) = roll switch
        {
            < 0.6 => ("AED", Iban.Create("AE", $"{random.Next(10, 99):000}{random.NextInt64(1_000_000_000_000_000, 9_999_999_999_999_999)}"), "Dubai"),
            < 0.92 => ("SAR", Iban.Create("SA", $"{random.Next(10, 99)}{random.NextInt64(100_000_000_000_000_000, 999_999_999_999_999_999)}"), "Riyadh"),
            _ => ("KWD", Iban.Create("KW", $"NBOK{random.NextInt64(1_000_000_000_000_000, 9_999_999_999_999_999)}{random.Next(100_000, 999_999)}"), "Kuwait City"),
        };
        var amount = currency == "KWD"
            ? decimal.Round((decimal)(5 + random.NextDouble() * 400), 3)
            : decimal.Round((decimal)(25 + random.NextDouble() * 4_000), 2);
        var name = $"{FirstNames[random.Next(FirstNames.Length)]} {LastNames[random.Next(LastNames.Length)]}";
        var status = random.NextDouble() < 0.96 ? PaymentStatus.AcceptedByBank : PaymentStatus.Failed;
        var createdAt = now.AddDays(-random.NextDouble() * 60);
        var id = new Guid(random.NextInt64().ToString("x16") + random.NextInt64().ToString("x16"));
        return new NewPayment(id, amount, currency, status, new PayerAccount(name, iban, city, BankOf(currency, random)),
            CustomerId: $"CUST-{random.Next(1000, 1300)}",
            MerchantReference: $"{Merchants[random.Next(Merchants.Length)]}-{100_000 + index}",
            CreatedAt: createdAt);
    }

    private static string BankOf(string currency, Random random) => currency switch
    {
        "AED" => new[] { "Emirates NBD", "ADCB", "Mashreq", "FAB" }[random.Next(4)],
        "SAR" => new[] { "Al Rajhi Bank", "SNB", "Riyad Bank" }[random.Next(3)],
        _ => "National Bank of Kuwait",
    };

    private sealed class DemoClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; }

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
