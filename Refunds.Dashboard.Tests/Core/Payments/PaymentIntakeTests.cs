using Refunds.Core.Persistence;
using Refunds.Core;
using Refunds.Core.Payments;
using Refunds.Dashboard.Tests.Support;
using static Refunds.Dashboard.Tests.Support.EngineHarness;

namespace Refunds.Dashboard.Tests.Core.Payments;

public abstract class PaymentIntakeTests : EngineTest
{
    [Fact]
    public async Task Ingesting_the_same_payment_twice_keeps_one_payment()
    {
        var payment = NewPayment(Guid.NewGuid(), 250.75m);

        await Engine.Payments.IngestAsync(Feed, [payment]);
        var again = await Engine.Payments.IngestAsync(Feed, [payment]);

        Assert.Equal(25075, Assert.Single(again).AmountMinor);
        await using var db = await Engine.NewContextAsync();
        Assert.Equal(1, db.Payments.Count());
    }

    [Fact]
    public async Task The_same_payment_id_with_other_content_fails_with_PAYMENT_CONFLICT()
    {
        var payment = NewPayment(Guid.NewGuid(), 250.75m);
        await Engine.Payments.IngestAsync(Feed, [payment]);

        var code = await Refused.CodeOf(() => Engine.Payments.IngestAsync(Feed, [payment with { Amount = 250.76m }]));

        Assert.Equal(ErrorCode.PaymentConflict, code);
        Assert.Equal(25075, (await Engine.PaymentByIdAsync(payment.PaymentId)).AmountMinor);
    }

    [Fact]
    public async Task A_payment_with_a_bad_iban_currency_or_amount_is_refused_and_the_batch_with_it()
    {
        var good = NewPayment(Guid.NewGuid());

        var violation = Assert.IsType<BatchViolation>(await Refused.By(() => Engine.Payments.IngestAsync(Feed,
        [
            good,
            NewPayment(Guid.NewGuid()) with { Payer = new PayerAccount("X", "AE00", null, null) },
            NewPayment(Guid.NewGuid(), currency: "XXX"),
            NewPayment(Guid.NewGuid(), amount: 1.001m),
        ])));

        Assert.Equal([(1, ErrorCode.InvalidIban), (2, ErrorCode.InvalidCurrency), (3, ErrorCode.InvalidAmount)], violation.Items.Select(i => (i.Index, i.Code)));
        await using var db = await Engine.NewContextAsync();
        Assert.Equal(0, db.Payments.Count());
    }

    [Fact]
    public async Task Empty_and_oversized_batches_of_payments_are_refused_with_INVALID_REQUEST()
    {
        await using var engine = await StartEngineAsync(o => o.MaxBatchSize = 2);

        var empty = await Refused.By(() => engine.Payments.IngestAsync(Feed, []));
        var oversized = await Refused.By(() => engine.Payments.IngestAsync(Feed, [NewPayment(Guid.NewGuid()), NewPayment(Guid.NewGuid()), NewPayment(Guid.NewGuid())]));

        Assert.Equal((ErrorCode.InvalidRequest, "The request holds no payments."), (empty.Code, empty.Message));
        Assert.Equal((ErrorCode.InvalidRequest, "The request holds 3 payments; at most 2 are allowed at once."), (oversized.Code, oversized.Message));
        await using var db = await engine.NewContextAsync();
        Assert.Equal(0, db.Payments.Count());
    }

    [Fact]
    public async Task Reconciling_records_the_statement_line_and_date()
    {
        var payment = await Engine.PaymentAsync(reconciled: false);
        var statementDate = new DateTimeOffset(2026, 11, 19, 0, 0, 0, TimeSpan.Zero);

        var reconciled = await Engine.Payments.ReconcileAsync(Feed, payment.Id, "STMT-42", statementDate);

        Assert.Equal(("STMT-42", (DateTimeOffset?)statementDate), (reconciled.ReconciliationReference, reconciled.ReconciledAt));
    }

    [Fact]
    public async Task Reconciling_again_with_the_same_line_is_a_no_op_and_with_another_a_conflict()
    {
        var payment = await Engine.PaymentAsync(reconciled: false);
        await Engine.Payments.ReconcileAsync(Feed, payment.Id, "STMT-42");

        await Engine.Payments.ReconcileAsync(Feed, payment.Id, "STMT-42");
        var code = await Refused.CodeOf(() => Engine.Payments.ReconcileAsync(Feed, payment.Id, "STMT-43"));

        Assert.Equal(ErrorCode.PaymentConflict, code);
        Assert.Equal("STMT-42", (await Engine.PaymentByIdAsync(payment.Id)).ReconciliationReference);
    }

    [Fact]
    public async Task Only_payments_accepted_by_the_bank_can_be_reconciled()
    {
        var payment = await Engine.PaymentAsync(reconciled: false, status: PaymentStatus.Failed);

        Assert.Equal(ErrorCode.PaymentNotSettled, await Refused.CodeOf(() => Engine.Payments.ReconcileAsync(Feed, payment.Id, "STMT-1")));
    }

    [Fact]
    public async Task Reconciling_an_unknown_payment_fails_with_PAYMENT_NOT_FOUND()
    {
        Assert.Equal(ErrorCode.PaymentNotFound, await Refused.CodeOf(() => Engine.Payments.ReconcileAsync(Feed, Guid.NewGuid(), "STMT-1")));
    }

    [Fact]
    public async Task Recording_payments_needs_the_payments_write_permission()
    {
        Assert.Equal(ErrorCode.OperationNotAllowed, await Refused.CodeOf(() => Engine.Payments.IngestAsync(Maker, [NewPayment(Guid.NewGuid())])));
    }

    public sealed class OnSqlite : PaymentIntakeTests;

    public sealed class OnPostgreSql : PaymentIntakeTests
    {
        protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
    }
}
