using Npgsql;
using NpgsqlTypes;

namespace Refunds.Bench;

/// <summary>
/// Writes benchmark payments straight into the app's PostgreSQL database (created by the app's own
/// migrations first), as <see cref="Seeder"/> does into a SQLite file: the same rows, by one binary COPY.
/// </summary>
public sealed class PostgreSqlSeeder(string connectionString)
{
    /// <summary>Reconciled payments <paramref name="first"/>..<paramref name="first"/>+count-1 (<see cref="Seeder.Payment"/>).</summary>
    public void Payments(long first, int count)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        // Columns as EF Core maps them: quoted, since PostgreSQL folds unquoted names to lower case.
        using (var copy = connection.BeginBinaryImport("""
            COPY payments ("Id", "AmountMinor", "CurrencyCode", "Status", "CustomerId", "MerchantReference", "CreatedAt", "ReconciledAt",
                "ReconciliationReference", "ReservedMinor", "RefundedMinor", "Version", "Payer_Bank", "Payer_City", "Payer_Iban", "Payer_Name")
            FROM STDIN (FORMAT BINARY)
            """))
        {
            for (var n = first; n < first + count; n++)
            {
                var p = Seeder.Payment(n, reconciled: true);
                copy.StartRow();
                copy.Write(p.Id, NpgsqlDbType.Uuid);
                copy.Write(p.AmountMinor, NpgsqlDbType.Bigint);
                copy.Write(p.CurrencyCode, NpgsqlDbType.Varchar);
                copy.Write(p.Status, NpgsqlDbType.Varchar);
                copy.Write(p.CustomerId, NpgsqlDbType.Varchar);
                copy.Write(p.MerchantReference, NpgsqlDbType.Varchar);
                copy.Write(p.CreatedAt, NpgsqlDbType.Bigint);
                copy.Write(p.ReconciledAt!.Value, NpgsqlDbType.Bigint);
                copy.Write(p.ReconciliationReference!, NpgsqlDbType.Varchar);
                copy.Write(0L, NpgsqlDbType.Bigint);
                copy.Write(0L, NpgsqlDbType.Bigint);
                copy.Write(1L, NpgsqlDbType.Bigint);
                copy.WriteNull();
                copy.Write(p.PayerCity, NpgsqlDbType.Varchar);
                copy.Write(p.PayerIban, NpgsqlDbType.Varchar);
                copy.Write(p.PayerName, NpgsqlDbType.Varchar);
            }
            copy.Complete();
        }
        // The planner's statistics now, not whenever autovacuum comes round to the new rows.
        using var analyze = new NpgsqlCommand("ANALYZE payments", connection);
        analyze.ExecuteNonQuery();
    }
}
