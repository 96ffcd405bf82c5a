using Refunds.Core.Refunds;

namespace Refunds.Dashboard.Tests.Core.Refunds;

public class RefundStatusTransitionsTests
{
    private static readonly HashSet<(RefundStatus, RefundStatus)> Lifecycle =
    [
        (RefundStatus.Created, RefundStatus.Approved),
        (RefundStatus.Created, RefundStatus.Rejected),
        (RefundStatus.Created, RefundStatus.Cancelled),
        (RefundStatus.Approved, RefundStatus.PendingWithBank),
        (RefundStatus.Approved, RefundStatus.Failed),
        (RefundStatus.PendingWithBank, RefundStatus.AcceptedByBank),
        (RefundStatus.PendingWithBank, RefundStatus.Failed),
    ];

    public static TheoryData<RefundStatus, RefundStatus> EveryPair()
    {
        var data = new TheoryData<RefundStatus, RefundStatus>();
        foreach (var from in Enum.GetValues<RefundStatus>())
            foreach (var to in Enum.GetValues<RefundStatus>())
                data.Add(from, to);
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryPair))]
    public void Only_the_lifecycle_s_moves_are_allowed(RefundStatus from, RefundStatus to) =>
        Assert.Equal(Lifecycle.Contains((from, to)), RefundStatusTransitions.IsAllowed(from, to));

    [Theory]
    [MemberData(nameof(EveryStatus))]
    public void Only_a_refund_pending_with_the_bank_goes_back_to_approved_and_only_when_its_file_is_voided(RefundStatus from)
    {
        var violation = RefundStatusTransitions.WhyNotReturnToApproved(Guid.NewGuid(), from);

        Assert.Equal(from == RefundStatus.PendingWithBank, violation is null);
        // The move back is not in the lifecycle: no decision, dispatcher pass or bank report can make it.
        Assert.False(RefundStatusTransitions.IsAllowed(from, RefundStatus.Approved) && from != RefundStatus.Created);
    }

    public static TheoryData<RefundStatus> EveryStatus() => new(Enum.GetValues<RefundStatus>());

    [Theory]
    [InlineData("CONFIRMED", RefundStatus.Approved)]
    [InlineData("confirmed", RefundStatus.Approved)]
    [InlineData("APPROVED", RefundStatus.Approved)]
    [InlineData("PENDING_WITH_BANK", RefundStatus.PendingWithBank)]
    [InlineData("ACCEPTED_BY_BANK", RefundStatus.AcceptedByBank)]
    public void Wire_names_and_CONFIRMED_are_read_as_statuses(string text, RefundStatus expected)
    {
        Assert.True(RefundStatusTransitions.TryParse(text, out var status));
        Assert.Equal(expected, status);
    }

    [Theory]
    [InlineData("DONE")]
    [InlineData("1")]
    [InlineData("PendingWithBank")]
    [InlineData("")]
    public void Unknown_status_names_are_not_read(string text) =>
        Assert.False(RefundStatusTransitions.TryParse(text, out _));
}
