using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Refunds.Core.Persistence;

/// <summary>Stores a status by its wire name (PENDING_WITH_BANK), so the database reads like the API.</summary>
internal sealed class WireNameConverter<TEnum>() : ValueConverter<TEnum, string>(
    value => WireName.Of(value),
    text => Parse(text))
    where TEnum : struct, Enum
{
    private static TEnum Parse(string text) =>
        WireName.TryParse<TEnum>(text, out var value)
            ? value
            : throw new InvalidOperationException($"'{text}' is not a {typeof(TEnum).Name}.");
}
