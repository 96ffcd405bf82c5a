namespace Refunds.Core.Persistence;

/// <summary>
/// How a unit of work writes, which tells the SQLite writer how much of it must run in its one writer
/// loop (ADR-010). PostgreSQL runs every unit in a transaction of its own either way.
/// </summary>
public enum UnitWrites
{
    /// <summary>
    /// Only through the entities it tracks, saved when it returns (almost every unit). Its reads and rule
    /// checks run before it takes the writer, on a read-only connection; the writer only saves, and the
    /// versions and unique keys of what it saves refuse it if another unit changed them meanwhile.
    /// </summary>
    Tracked,

    /// <summary>
    /// Also with statements of its own while it runs (<c>ExecuteUpdate</c>, SQL, a save part-way): all of it
    /// runs in the writer, inside the group's transaction.
    /// </summary>
    Directly,
}
