namespace Refunds.Core;

/// <summary>
/// How long a text and how large a batch or metadata object the engine accepts. One home for every
/// limit: the engine's checks, the database columns and the API's documented schemas all read it.
/// </summary>
public static class InputLimits
{
    /// <summary>A refund's description (the seed APIs' free-text reason).</summary>
    public const int Description = 500;

    /// <summary>A checker's or maker's note on a decision or cancellation.</summary>
    public const int Note = 500;

    /// <summary>A reason code (A-Z, 0-9 and _).</summary>
    public const int ReasonCode = 64;

    /// <summary>The maker's own reference for a refund.</summary>
    public const int ExternalReference = 128;

    /// <summary>An idempotency key, per item or in the <c>Idempotency-Key</c> header.</summary>
    public const int IdempotencyKey = 128;

    /// <summary>A payment's merchant reference (a charge id, a transaction reference).</summary>
    public const int MerchantReference = 128;

    /// <summary>The payment system's customer id.</summary>
    public const int CustomerId = 128;

    /// <summary>The bank statement line a payment is reconciled against.</summary>
    public const int StatementReference = 128;

    /// <summary>An account holder's name, payer or beneficiary, as a bank transfer carries it.</summary>
    public const int AccountName = 140;

    /// <summary>The name of the payer's bank.</summary>
    public const int BankName = 140;

    /// <summary>An account holder's city.</summary>
    public const int City = 64;

    /// <summary>An IBAN, the longest ISO 13616 allows.</summary>
    public const int Iban = 34;

    /// <summary>A refund's metadata, in UTF-8 bytes.</summary>
    public const int MetadataBytes = 4096;

    /// <summary>The most items one create, decide or ingest request carries unless <c>Refunds:MaxBatchSize</c> says otherwise.</summary>
    public const int DefaultBatchSize = 1000;

    /// <summary>The highest <c>Refunds:MaxBatchSize</c> may be set to.</summary>
    public const int MaxBatchSize = 10_000;

    /// <summary>Fails with INVALID_REQUEST unless a request holds 1 to <paramref name="max"/> items.</summary>
    public static void EnsureBatchSize(int count, int max, string what)
    {
        if (count == 0)
            throw new RuleViolation(ErrorCode.InvalidRequest, $"The request holds no {what}.");
        if (count > max)
            throw new RuleViolation(ErrorCode.InvalidRequest, $"The request holds {count} {what}; at most {max} are allowed at once.");
    }
}
