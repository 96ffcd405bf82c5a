namespace Refunds.Core.Payouts.BankFile;

/// <summary>
/// The end-to-end id a refund travels under in payment files and comes back with in status reports:
/// its id as 32 hex digits, which fits ISO 20022's 35 characters and reads back to the refund.
/// </summary>
public static class RefundEndToEndId
{
    public static string Of(Guid refundId) => refundId.ToString("N");

    /// <summary>The refund an end-to-end id names, or false for an id that is not one of ours.</summary>
    public static bool TryRead(string? endToEndId, out Guid refundId) =>
        Guid.TryParseExact(endToEndId?.Trim(), "N", out refundId);
}
