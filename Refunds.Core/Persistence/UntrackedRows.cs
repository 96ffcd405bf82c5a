using Microsoft.EntityFrameworkCore.Metadata;

namespace Refunds.Core.Persistence;

/// <summary>
/// Rows of one entity type a unit of work read without tracking, with their columns' values as read: what
/// <see cref="SetBasedSave"/> compares them with to write what they changed. Made before they change.
/// </summary>
internal class UntrackedRows<T> where T : class
{
    private readonly IReadOnlyList<IComplexProperty> _complexProperties;
    private readonly List<object?[]> _complexAsRead;

    public UntrackedRows(RefundsDbContext db, IReadOnlyList<T> rows)
    {
        var entityType = db.Model.FindEntityType(typeof(T))!;
        Rows = rows;
        // The entity type's own properties: the columns SetBasedSave writes, in this order.
        Columns = entityType.GetProperties().ToList();
        AsRead = rows.Select(r => Columns.Select(c => c.GetGetter().GetClrValue(r)).ToArray()).ToList();
        _complexProperties = entityType.GetComplexProperties().ToList();
        _complexAsRead = rows.Select(r => _complexProperties.Select(c => c.GetGetter().GetClrValue(r)).ToArray()).ToList();
    }

    public IReadOnlyList<T> Rows { get; }

    public IReadOnlyList<IProperty> Columns { get; }

    public IReadOnlyList<object?[]> AsRead { get; }

    /// <summary>The name of a complex property (a payer, a beneficiary) row <paramref name="index"/> has replaced since it was read, if any.</summary>
    public string? ChangedComplexProperty(int index)
    {
        for (var c = 0; c < _complexProperties.Count; c++)
        {
            if (!Equals(_complexProperties[c].GetGetter().GetClrValue(Rows[index]), _complexAsRead[index][c])) return _complexProperties[c].Name;
        }
        return null;
    }
}
