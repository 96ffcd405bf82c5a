using Bunit;
using Refunds.Core.Refunds;
using Refunds.Dashboard.Components.Pages.Refunds;

namespace Refunds.Dashboard.Tests.Components.Refunds;

public class RefundStatusDisplayTests : BunitContext
{
    [Theory]
    [InlineData(RefundStatus.Created, "Awaiting approval", "CREATED", "mud-chip-filled", "mud-chip-color-warning")]
    [InlineData(RefundStatus.AcceptedByBank, "Completed", "ACCEPTED_BY_BANK", "mud-chip-filled", "mud-chip-color-success")]
    [InlineData(RefundStatus.Rejected, "Rejected", "REJECTED", "mud-chip-outlined", "mud-chip-color-error")]
    [InlineData(RefundStatus.Cancelled, "Cancelled", "CANCELLED", "mud-chip-outlined", "mud-chip-color-default")]
    public void A_status_chip_shows_the_operators_word_the_wire_name_as_its_title_and_the_statuss_look(
        RefundStatus status, string label, string wireName, string variant, string colour)
    {
        var chip = Render(RefundStatusDisplay.Chip(status)).Find(".refund-status");

        Assert.Equal(label, chip.TextContent);
        Assert.Equal(wireName, chip.GetAttribute("title"));
        Assert.Contains("mud-chip", chip.ClassList);
        Assert.Contains("mud-chip-size-small", chip.ClassList);
        Assert.Contains(variant, chip.ClassList);
        Assert.Contains(colour, chip.ClassList);
    }
}
