using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Refunds.Core.Access;
using Refunds.Core.Persistence;

namespace Refunds.Core.Payments;

/// <summary>
/// How payments and their reconciliation reach the engine. Ingest is idempotent by payment id: the
/// same payment reported twice is one payment, the same id with other content is refused.
/// </summary>
public sealed class PaymentIntake(UnitOfWork unitOfWork, IOptions<RefundsOptions> options, TimeProvider clock)
{
    public Task<IReadOnlyList<Payment>> IngestAsync(Actor actor, IReadOnlyList<NewPayment> payments, CancellationToken cancellationToken = default)
    {
        actor.Require(Permission.WritePayments, "record payments");
        InputLimits.EnsureBatchSize(payments.Count, options.Value.MaxBatchSize, "payments");

        return unitOfWork.RunAsync<IReadOnlyList<Payment>>(async (db, ct) =>
        {
            var ids = payments.Select(p => p.PaymentId).Distinct().ToList();
            var known = await db.Payments.Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
            var now = clock.GetUtcNow();
            var results = new List<Payment>(payments.Count);
            var violations = new List<ItemViolation>();
            for (var index = 0; index < payments.Count; index++)
            {
                try
                {
                    var candidate = ToPayment(payments[index], now);
                    if (known.TryGetValue(candidate.Id, out var existing))
                    {
                        if (!SameContent(existing, candidate))
                            throw new RuleViolation(ErrorCode.PaymentConflict,
                                $"Payment {candidate.Id} was already recorded with different details.");
                        results.Add(existing);
                        continue;
                    }
                    db.Payments.Add(candidate);
                    known[candidate.Id] = candidate;
                    results.Add(candidate);
                }
                catch (RuleViolation violation)
                {
                    violations.Add(new ItemViolation(index, violation.Code, violation.Message));
                }
            }
            if (violations.Count > 0) throw new BatchViolation(violations);
            return results;
        }, cancellationToken);
    }

    /// <summary>
    /// Marks a payment as matched to a bank statement line; from then on it can be refunded. Repeating
    /// the same reconciliation changes nothing; a different statement reference is refused.
    /// </summary>
    public Task<Payment> ReconcileAsync(Actor actor, Guid paymentId, string statementReference, DateTimeOffset? statementDate = null,
        CancellationToken cancellationToken = default)
    {
        actor.Require(Permission.WritePayments, "reconcile payments");
        var reference = statementReference?.Trim();
        if (string.IsNullOrEmpty(reference) || reference.Length > InputLimits.StatementReference)
            throw new RuleViolation(ErrorCode.InvalidRequest, $"A bank statement reference of 1 to {InputLimits.StatementReference} characters is required.");

        return unitOfWork.RunAsync(async (db, ct) =>
        {
            var payment = await db.Payments.SingleOrDefaultAsync(p => p.Id == paymentId, ct)
                ?? throw new RuleViolation(ErrorCode.PaymentNotFound, $"Payment {paymentId} does not exist.");
            if (payment.IsReconciled)
            {
                return payment.ReconciliationReference == reference
                    ? payment
                    : throw new RuleViolation(ErrorCode.PaymentConflict,
                        $"Payment {paymentId} is already reconciled against statement line {payment.ReconciliationReference}.");
            }
            payment.MarkReconciled(reference, statementDate ?? clock.GetUtcNow());
            return payment;
        }, cancellationToken);
    }

    private static Payment ToPayment(NewPayment p, DateTimeOffset now)
    {
        if (p.PaymentId == Guid.Empty) throw new RuleViolation(ErrorCode.InvalidRequest, "A payment id is required.");
        if (!Currency.TryFind(p.Currency, out var currency))
            throw new RuleViolation(ErrorCode.InvalidCurrency, $"Currency '{p.Currency}' is not supported.");
        if (string.IsNullOrWhiteSpace(p.Payer.Name) || p.Payer.Name.Length > InputLimits.AccountName)
            throw new RuleViolation(ErrorCode.InvalidRequest, $"The payer's account name is required (at most {InputLimits.AccountName} characters).");
        if (!Iban.IsValid(p.Payer.Iban))
            throw new RuleViolation(ErrorCode.InvalidIban, $"The payer's IBAN '{p.Payer.Iban}' is not a valid IBAN (ISO 13616 check failed).");
        if (p.CustomerId?.Length > InputLimits.CustomerId || p.MerchantReference?.Length > InputLimits.MerchantReference)
            throw new RuleViolation(ErrorCode.InvalidRequest,
                $"Customer id and merchant reference are at most {InputLimits.CustomerId} and {InputLimits.MerchantReference} characters.");
        if (p.Payer.City?.Length > InputLimits.City || p.Payer.Bank?.Length > InputLimits.BankName)
            throw new RuleViolation(ErrorCode.InvalidRequest,
                $"The payer's city and bank are at most {InputLimits.City} and {InputLimits.BankName} characters.");
        var payer = new PayerAccount(p.Payer.Name.Trim(), Iban.Normalize(p.Payer.Iban), Blank(p.Payer.City), Blank(p.Payer.Bank));
        return new Payment(p.PaymentId, Money.FromMajor(p.Amount, currency), p.Status, payer,
            Blank(p.CustomerId), Blank(p.MerchantReference), p.CreatedAt ?? now);
    }

    private static bool SameContent(Payment a, Payment b) =>
        a.AmountMinor == b.AmountMinor && a.CurrencyCode == b.CurrencyCode && a.Status == b.Status && a.Payer == b.Payer
        && a.CustomerId == b.CustomerId && a.MerchantReference == b.MerchantReference;

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
