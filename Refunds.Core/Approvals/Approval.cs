using Refunds.Core.Access;

namespace Refunds.Core.Approvals;

/// <summary>One reviewer's approval of a refund. A refund keeps every approval it was given; none is ever changed.</summary>
public sealed class Approval
{
    private Approval()
    {
        By = null!;
        ByName = null!;
    }

    internal Approval(int number, Actor reviewer, DateTimeOffset at, string? note)
        : this(number, reviewer.Id, reviewer.DisplayName, at, note)
    {
    }

    /// <summary>An approval as recorded, read back (from another instance's message, for one).</summary>
    public Approval(int number, string by, string byName, DateTimeOffset at, string? note)
    {
        Number = number;
        By = by;
        ByName = byName;
        At = at;
        Note = note;
    }

    /// <summary>1 for a refund's first approval, 2 for its second, and so on.</summary>
    public int Number { get; private set; }

    /// <summary>The reviewer: a user subject or a client id.</summary>
    public string By { get; private set; }

    public string ByName { get; private set; }

    public DateTimeOffset At { get; private set; }

    public string? Note { get; private set; }
}
