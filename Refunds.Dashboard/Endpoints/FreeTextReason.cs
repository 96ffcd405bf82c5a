using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace Refunds.Dashboard.Endpoints;

/// <summary>
/// The one mapping from a free-text refund reason (the seed APIs' <c>reason</c>) to a reason code.
/// The text is compared whole, case-insensitively, with spaces and hyphens read as underscores; it
/// is always kept as the refund's description. Text not in the table, or none, is CUSTOMER_REQUEST.
/// </summary>
public static partial class FreeTextReason
{
    public const string Default = "CUSTOMER_REQUEST";

    // Stripe's reason values (duplicate, fraudulent, requested_by_customer), our codes, and their plain words.
    private static readonly FrozenDictionary<string, string> Codes = new Dictionary<string, string>
    {
        ["requested_by_customer"] = "CUSTOMER_REQUEST",
        ["customer_request"] = "CUSTOMER_REQUEST",
        ["duplicate"] = "DUPLICATED_PAYMENT",
        ["duplicated"] = "DUPLICATED_PAYMENT",
        ["duplicate_payment"] = "DUPLICATED_PAYMENT",
        ["duplicated_payment"] = "DUPLICATED_PAYMENT",
        ["duplicate_charge"] = "DUPLICATED_PAYMENT",
        ["fraud"] = "FRAUDULENT_PAYMENT",
        ["fraudulent"] = "FRAUDULENT_PAYMENT",
        ["fraudulent_payment"] = "FRAUDULENT_PAYMENT",
        ["cancelled"] = "ORDER_CANCELLED",
        ["canceled"] = "ORDER_CANCELLED",
        ["order_cancelled"] = "ORDER_CANCELLED",
        ["order_canceled"] = "ORDER_CANCELLED",
        ["service_cancelled"] = "ORDER_CANCELLED",
        ["service_canceled"] = "ORDER_CANCELLED",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The reason code for <paramref name="text"/>, and the description to keep (the text itself).</summary>
    public static (string ReasonCode, string? Description) Of(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return (Default, null);
        var key = Separators().Replace(text.Trim().ToLowerInvariant(), "_");
        return (Codes.GetValueOrDefault(key, Default), text.Trim());
    }

    [GeneratedRegex(@"[\s\-_]+")]
    private static partial Regex Separators();
}
