using Microsoft.Data.Sqlite;

namespace Refunds.Bench;

/// <summary>
/// Writes benchmark data straight into the app's database (created by the app's own migrations
/// first), in large transactions: the API would take hours for a million refunds. Rows match what
/// the engine writes (ids, ticks, wire names); the columns are those of the migrations.
/// </summary>
public sealed class Seeder(string databasePath)
{
    private const long PaymentMinor = 1_000_000; // 10,000.00 AED: room for every refund a figure makes
    private const long RefundMinor = 100;        // each seeded refund is 1.00 AED, as wrk.lua's
    private const string Iban = "AE070331234567890123456";
    private static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Payment n's id, as wrk.lua forms it.</summary>
    public static Guid PaymentGuid(long n) => new($"00000000-0000-4000-8000-{n:x12}");

    /// <summary>Payment n's id as text, upper case, as EF Core stores a Guid in SQLite.</summary>
    public static string PaymentId(long n) => PaymentGuid(n).ToString().ToUpperInvariant();

    /// <summary>Payment n's merchant reference.</summary>
    public static string MerchantReference(long n) => $"ORD-{n}";

    /// <summary>Payment n's amount in major units (AED).</summary>
    public const decimal PaymentAmount = PaymentMinor / 100m;

    /// <summary>
    /// Payment n as every seeder writes it: AED 10,000.00, merchant reference ORD-n, accepted by the bank, nothing
    /// reserved or refunded, payer in Dubai; reconciled unless <paramref name="reconciled"/> is false (then it awaits a statement).
    /// </summary>
    public static SeededPayment Payment(long n, bool reconciled)
    {
        var at = Epoch.AddSeconds(n).UtcTicks;
        return new SeededPayment(PaymentGuid(n), PaymentMinor, "AED", "ACCEPTED_BY_BANK", $"CUST-{n % 5_000:D5}", MerchantReference(n), at,
            reconciled ? at : null, reconciled ? $"STMT-{n}" : null, "Dubai", Iban, $"Payer {n}");
    }

    /// <summary>
    /// Payments <paramref name="first"/>..<paramref name="first"/>+count-1 (<see cref="Payment"/>); reconciled unless
    /// <paramref name="reconciled"/> is false.
    /// </summary>
    public void Payments(long first, int count, bool reconciled = true)
    {
        using var connection = Open();
        using var transaction = connection.BeginTransaction();
        using var insert = Command(connection, """
            INSERT INTO payments (Id, AmountMinor, CurrencyCode, Status, CustomerId, MerchantReference, CreatedAt, ReconciledAt,
                ReconciliationReference, ReservedMinor, RefundedMinor, Version, Payer_Bank, Payer_City, Payer_Iban, Payer_Name)
            VALUES ($id, $amount, $currency, $status, $customer, $reference, $at, $reconciledAt, $statement, 0, 0, 1, NULL, $city, $iban, $name)
            """, "$id", "$amount", "$currency", "$status", "$customer", "$reference", "$at", "$reconciledAt", "$statement", "$city", "$iban", "$name");
        for (var n = first; n < first + count; n++)
        {
            var p = Payment(n, reconciled);
            Set(insert, p.Id.ToString().ToUpperInvariant(), p.AmountMinor, p.CurrencyCode, p.Status, p.CustomerId, p.MerchantReference, p.CreatedAt,
                p.ReconciledAt, p.ReconciliationReference, p.PayerCity, p.PayerIban, p.PayerName);
            insert.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    /// <summary>
    /// <paramref name="count"/> refunds spread evenly over payments 1..<paramref name="payments"/>, newest
    /// last, in the statuses the dispatcher leaves alone (so it stays idle while lists are measured):
    /// 20% CREATED, 50% ACCEPTED_BY_BANK, 15% REJECTED, 10% FAILED, 5% CANCELLED. Then each payment's
    /// reserved and refunded sums are brought in line with its refunds.
    /// </summary>
    public void RefundsAtScale(int count, int payments)
    {
        using var connection = Open();
        const int perTransaction = 100_000;
        for (var start = 0; start < count; start += perTransaction)
        {
            using var transaction = connection.BeginTransaction();
            using var insert = RefundInsert(connection);
            for (var j = start; j < Math.Min(count, start + perTransaction); j++)
            {
                var status = (j % 20) switch
                {
                    < 4 => "CREATED",
                    < 14 => "ACCEPTED_BY_BANK",
                    < 17 => "REJECTED",
                    < 19 => "FAILED",
                    _ => "CANCELLED",
                };
                var createdAt = Epoch.AddDays(300.0 * j / count);
                SetRefund(insert, Guid.CreateVersion7(createdAt), PaymentId(1 + j % payments), status, createdAt, nextAttempt: null);
                insert.ExecuteNonQuery();
            }
            transaction.Commit();
        }
        using var sums = connection.CreateCommand();
        // One grouped pass, then a join: a correlated subquery per payment took minutes on 35,000 payments.
        sums.CommandText = """
            CREATE TEMP TABLE sums AS SELECT PaymentId AS Id,
              sum(CASE WHEN Status IN ('CREATED', 'APPROVED', 'PENDING_WITH_BANK') THEN AmountMinor ELSE 0 END) AS Reserved,
              sum(CASE WHEN Status = 'ACCEPTED_BY_BANK' THEN AmountMinor ELSE 0 END) AS Refunded
            FROM refunds GROUP BY PaymentId;
            UPDATE payments SET ReservedMinor = s.Reserved, RefundedMinor = s.Refunded FROM temp.sums s WHERE s.Id = payments.Id;
            DROP TABLE temp.sums;
            ANALYZE;
            """;
        sums.CommandTimeout = 600;
        sums.ExecuteNonQuery();
    }

    /// <summary>
    /// Refunds <paramref name="first"/>..<paramref name="first"/>+count-1 of a year of <paramref name="total"/>, in
    /// creation order from <paramref name="yearStart"/> (as many a day all year), over payments 1..<paramref name="payments"/>,
    /// with the times an Overview reads: decided 30 s to ~8 h after creation, paid out ~1 min to ~2 days after
    /// the decision, failed with one of four reasons. Statuses as <see cref="RefundsAtScale"/>'s. The app's
    /// daily figures are not written here: they are rebuilt from the refunds afterwards.
    /// </summary>
    public void RefundsOverAYear(long first, long count, long total, int payments, DateTimeOffset yearStart)
    {
        string[] failures = ["Insufficient funds", "Beneficiary account closed", "Invalid beneficiary IBAN", "Rejected by the beneficiary's bank"];
        using var connection = Open();
        const int perTransaction = 100_000;
        for (var start = first; start < first + count; start += perTransaction)
        {
            using var transaction = connection.BeginTransaction();
            using var insert = RefundInsert(connection);
            for (var j = start; j < Math.Min(first + count, start + perTransaction); j++)
            {
                var status = (j % 20) switch
                {
                    < 4 => "CREATED",
                    < 14 => "ACCEPTED_BY_BANK",
                    < 17 => "REJECTED",
                    < 19 => "FAILED",
                    _ => "CANCELLED",
                };
                var createdAt = yearStart.AddDays(365.0 * j / total);
                // Spread deterministically over about ten doublings, as decisions and payouts are.
                var decidedAt = createdAt.AddSeconds(30 * Math.Pow(2, (j * 7919 % 1000) / 100.0));
                var finishedAt = status == "ACCEPTED_BY_BANK" ? decidedAt.AddSeconds(60 * Math.Pow(2, (j * 104729 % 1000) / 89.0)) : decidedAt;
                SetRefund(insert, Guid.CreateVersion7(createdAt), PaymentId(1 + j % payments), status, createdAt, nextAttempt: null,
                    actionedAt: decidedAt, updatedAt: finishedAt, failure: failures[j / 20 % failures.Length]);
                insert.ExecuteNonQuery();
            }
            transaction.Commit();
        }
    }

    /// <summary>
    /// <paramref name="count"/> refunds approved and due for payout, one per payment from
    /// <paramref name="firstPayment"/>, committed at once (the dispatcher may be running). Returns their ids.
    /// </summary>
    public IReadOnlyList<Guid> ApprovedRefunds(long firstPayment, int count)
    {
        var ids = new List<Guid>(count);
        using var connection = Open();
        using var transaction = connection.BeginTransaction();
        using var insert = RefundInsert(connection);
        using var reserve = Command(connection,
            "UPDATE payments SET ReservedMinor = ReservedMinor + $amount, Version = Version + 1 WHERE Id = $id", "$amount", "$id");
        var now = DateTimeOffset.UtcNow;
        for (var n = firstPayment; n < firstPayment + count; n++)
        {
            var id = Guid.CreateVersion7(now);
            ids.Add(id);
            SetRefund(insert, id, PaymentId(n), "APPROVED", now, nextAttempt: now);
            insert.ExecuteNonQuery();
            Set(reserve, RefundMinor, PaymentId(n));
            reserve.ExecuteNonQuery();
        }
        transaction.Commit();
        return ids;
    }

    public long Scalar(string sql)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, DefaultTimeout = 60 }.ToString());
        connection.Open();
        using var pragma = connection.CreateCommand();
        // Seeding only: a large page cache keeps the index inserts in memory until each commit.
        pragma.CommandText = "PRAGMA cache_size=-262144;";
        pragma.ExecuteNonQuery();
        return connection;
    }

    private static SqliteCommand RefundInsert(SqliteConnection connection) => Command(connection, """
        INSERT INTO refunds (Id, PaymentId, AmountMinor, CurrencyCode, ReasonCode, Description, ExternalReference, Status,
            CreatedBy, CreatedByName, CreatedAt, ActionedBy, ActionedByName, ActionedAt, DecisionNote, RefundIntentId,
            BankReference, FailureReason, UpdatedAt, IdempotencyKey, RequestFingerprint, Version, Beneficiary_City,
            Beneficiary_Iban, Beneficiary_Name, NextPayoutAttemptAt, PayoutAttempts, PayoutLeaseOwner, PayoutLeaseUntil, Kind, Metadata)
        VALUES ($id, $payment, $amount, 'AED', 'CUSTOMER_REQUEST', 'Benchmark refund', NULL, $status,
            'integration-maker', 'Integration maker', $at, $actor, $actorName, $actionedAt, NULL, NULL,
            $bankReference, $failure, $updatedAt, NULL, $fingerprint, 1, 'Dubai', $iban, 'Benchmark payer', $next, 0, NULL, NULL, NULL, NULL)
        """, "$id", "$payment", "$amount", "$status", "$at", "$actor", "$actorName", "$actionedAt", "$bankReference", "$failure",
        "$fingerprint", "$iban", "$next", "$updatedAt");

    private static void SetRefund(SqliteCommand insert, Guid id, string paymentId, string status, DateTimeOffset at, DateTimeOffset? nextAttempt,
        DateTimeOffset? actionedAt = null, DateTimeOffset? updatedAt = null, string failure = "Insufficient funds")
    {
        var decided = status is not "CREATED";
        var withBank = status is "ACCEPTED_BY_BANK" or "FAILED";
        Set(insert,
            id.ToString().ToUpperInvariant(), paymentId, RefundMinor, status, at.UtcTicks,
            decided ? (status == "CANCELLED" ? "integration-maker" : "integration-checker") : null,
            decided ? (status == "CANCELLED" ? "Integration maker" : "Integration checker") : null,
            decided ? (actionedAt ?? at).UtcTicks : null,
            withBank ? $"SIMB-{id:N}"[..21].ToUpperInvariant() : null,
            status == "FAILED" ? failure : null,
            Convert.ToHexStringLower(id.ToByteArray()).PadRight(64, '0'), Iban, nextAttempt?.UtcTicks, (updatedAt ?? at).UtcTicks);
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters) command.Parameters.Add(new SqliteParameter { ParameterName = name });
        command.Prepare();
        return command;
    }

    private static void Set(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i] ?? DBNull.Value;
    }
}

/// <summary>One seeded payment's columns (times in UTC ticks, ADR-002); reserved and refunded 0, version 1, no payer bank.</summary>
public sealed record SeededPayment(Guid Id, long AmountMinor, string CurrencyCode, string Status, string CustomerId, string MerchantReference,
    long CreatedAt, long? ReconciledAt, string? ReconciliationReference, string PayerCity, string PayerIban, string PayerName);
