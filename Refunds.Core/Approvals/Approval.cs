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

    internal Approval(Actor reviewer, DateTimeOffset at, string? note)
    {
        By = reviewer.Id;
        ByName = reviewer.DisplayName;
        At = at;
        Note = note;
    }

    /// <summary>The reviewer: a user subject or a client id.</summary>
    public string By { get; private set; }

    public string ByName { get; private set; }

    public DateTimeOffset At { get; private set; }

    public string? Note { get; private set; }
}
