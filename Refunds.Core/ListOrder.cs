namespace Refunds.Core;

/// <summary>Which end of a list comes first, by the time its rows were created.</summary>
public enum ListOrder
{
    NewestFirst,
    OldestFirst,
}
