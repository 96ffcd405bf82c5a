using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Refunds.Core.Persistence;
using Refunds.Core.Refunds;
using Refunds.Dashboard.Tests.Support;
using static Refunds.Dashboard.Tests.Support.EngineHarness;

namespace Refunds.Dashboard.Tests.Core.Persistence;

/// <summary>
/// On PostgreSQL a unit of work whose connection fails is run again, and one whose COMMIT was sent but
/// whose answer was lost is looked up instead (ADR-013). The connection's failures are made here by an
/// interceptor, right before the COMMIT is sent or right after it returned.
/// </summary>
public sealed class PostgreSqlTransactionsTests : IAsyncLifetime
{
    private readonly ConnectionFaults _faults = new();
    private EngineHarness _engine = null!;

    public async Task InitializeAsync() => _engine = await StartAsync(provider: DatabaseProvider.PostgreSql,
        services: services => services.ConfigureDbContext<PostgreSqlRefundsDbContext>(options => options.AddInterceptors(_faults)));

    public async Task DisposeAsync() => await _engine.DisposeAsync();

    [Fact]
    public async Task A_create_whose_commit_answer_was_lost_is_answered_from_what_committed_and_not_made_twice()
    {
        var payment = await _engine.PaymentAsync(100m);

        _faults.LoseNextCommitAnswer();
        var created = await _engine.Refunds.CreateAsync(Maker, [new RefundRequest(payment.Id, 10m, "AED", "CUSTOMER_REQUEST")]);

        Assert.Equal(1, _faults.Made);
        await using var db = await _engine.NewContextAsync();
        Assert.Equal(created[0].Id, (await db.Refunds.SingleAsync()).Id);
        Assert.Equal(10_00, (await _engine.PaymentByIdAsync(payment.Id)).ReservedMinor);
    }

    [Fact]
    public async Task A_decision_whose_commit_answer_was_lost_is_answered_as_taken_not_as_already_decided()
    {
        var refund = await _engine.RefundAsync(await _engine.PaymentAsync(100m));

        _faults.LoseNextCommitAnswer();
        var decided = await _engine.Refunds.DecideAsync(Checker, [new RefundDecision(refund.Id, RefundStatus.Approved)]);

        Assert.Equal(1, _faults.Made);
        Assert.Equal(RefundStatus.Approved, decided[0].Status);
        Assert.Single((await _engine.RefundByIdAsync(refund.Id)).History, h => h.To == RefundStatus.Approved);
    }

    [Fact]
    public async Task A_unit_whose_connection_failed_before_its_commit_is_run_again_and_commits_once()
    {
        var payment = await _engine.PaymentAsync(100m);

        _faults.FailNextCommit();
        var created = await _engine.Refunds.CreateAsync(Maker, [new RefundRequest(payment.Id, 10m, "AED", "CUSTOMER_REQUEST")]);

        Assert.Equal(1, _faults.Made);
        await using var db = await _engine.NewContextAsync();
        Assert.Equal(created[0].Id, (await db.Refunds.SingleAsync()).Id);
        Assert.Equal(10_00, (await _engine.PaymentByIdAsync(payment.Id)).ReservedMinor);
    }

    [Fact]
    public async Task Two_units_that_deadlock_both_commit_the_one_chosen_to_fail_is_run_again()
    {
        var unitOfWork = _engine.Get<UnitOfWork>();
        var firstRowsLocked = 0;
        var bothLockedTheirFirstRow = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var attempts = 0;
        // Each locks one reason code, waits (on its first attempt only) until the other holds the other one,
        // then asks for the other's: PostgreSQL ends one of them with a deadlock (40P01).
        Task<int> LockInTurnAsync(string first, string second) => unitOfWork.RunAsync(async (db, ct) =>
        {
            var attempt = Interlocked.Increment(ref attempts);
            await db.Database.ExecuteSqlAsync($"UPDATE reason_codes SET \"Description\" = \"Description\" WHERE \"Code\" = {first}", ct);
            if (attempt <= 2)
            {
                if (Interlocked.Increment(ref firstRowsLocked) == 2) bothLockedTheirFirstRow.SetResult();
                await bothLockedTheirFirstRow.Task.WaitAsync(ct);
            }
            return await db.Database.ExecuteSqlAsync($"UPDATE reason_codes SET \"Description\" = \"Description\" WHERE \"Code\" = {second}", ct);
        }, CancellationToken.None);

        var results = await Task.WhenAll(LockInTurnAsync("CUSTOMER_REQUEST", "ORDER_CANCELLED"), LockInTurnAsync("ORDER_CANCELLED", "CUSTOMER_REQUEST"));

        Assert.Equal([1, 1], results);
        Assert.Equal(3, attempts);
    }

    /// <summary>Fails the connection once, as a dropped connection does: before the COMMIT is sent, or after it committed.</summary>
    private sealed class ConnectionFaults : DbTransactionInterceptor
    {
        private int _failBefore;
        private int _loseAnswer;

        public int Made;

        public void FailNextCommit() => Interlocked.Exchange(ref _failBefore, 1);

        public void LoseNextCommitAnswer() => Interlocked.Exchange(ref _loseAnswer, 1);

        public override ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData,
            InterceptionResult result, CancellationToken cancellationToken = default)
        {
            if (Interlocked.Exchange(ref _failBefore, 0) == 1) Fail();
            return ValueTask.FromResult(result);
        }

        public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            if (Interlocked.Exchange(ref _loseAnswer, 0) == 1) Fail();
            return Task.CompletedTask;
        }

        private void Fail()
        {
            Interlocked.Increment(ref Made);
            throw new NpgsqlException("Exception while reading from stream", new IOException("The connection was reset."));
        }
    }
}
