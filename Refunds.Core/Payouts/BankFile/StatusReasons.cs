using System.Collections.Frozen;

namespace Refunds.Core.Payouts.BankFile;

/// <summary>
/// The meanings of the ISO 20022 external status reason codes banks give for rejected credit transfers
/// (the common ones; an unknown code is shown as it came).
/// </summary>
public static class StatusReasons
{
    private static readonly FrozenDictionary<string, string> Meanings = new Dictionary<string, string>
    {
        ["AC01"] = "Incorrect account number",
        ["AC03"] = "Invalid creditor account number",
        ["AC04"] = "Closed account number",
        ["AC06"] = "Blocked account",
        ["AC13"] = "Invalid debtor account type",
        ["AG01"] = "Transaction forbidden",
        ["AG02"] = "Invalid bank operation code",
        ["AM02"] = "Not allowed amount",
        ["AM03"] = "Not allowed currency",
        ["AM04"] = "Insufficient funds",
        ["AM05"] = "Duplication",
        ["AM09"] = "Wrong amount",
        ["BE04"] = "Missing creditor address",
        ["BE05"] = "Unrecognised initiating party",
        ["CNOR"] = "Creditor bank is not registered",
        ["DNOR"] = "Debtor bank is not registered",
        ["DUPL"] = "Duplicate payment",
        ["ED05"] = "Settlement failed",
        ["FF01"] = "Invalid file format",
        ["MD07"] = "End customer deceased",
        ["MS02"] = "Not specified reason customer generated",
        ["MS03"] = "Not specified reason agent generated",
        ["NARR"] = "Narrative",
        ["RC01"] = "Bank identifier incorrect",
        ["RR04"] = "Regulatory reason",
        ["TM01"] = "Invalid cut off time",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The code and its meaning (<c>AC04 Closed account number</c>), with the bank's words after it when it gave some.</summary>
    public static string Describe(string? code, string? additionalInformation = null)
    {
        var described = code is null ? "Rejected by the bank"
            : Meanings.TryGetValue(code, out var meaning) ? $"{code} {meaning}" : code;
        return additionalInformation is { Length: > 0 } words ? $"{described}: {words}" : described;
    }
}
