using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Refunds.Core.Persistence;

/// <summary>Stores an instant as its UTC ticks and reads it back at offset zero.</summary>
internal sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    value => value.UtcTicks,
    ticks => new DateTimeOffset(ticks, TimeSpan.Zero));
