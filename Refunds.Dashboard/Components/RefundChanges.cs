namespace Refunds.Dashboard.Components;

/// <summary>
/// Tells the parts of one operator's dashboard that show refunds (the navigation badge) that this
/// operator just changed some, so they reload. Scoped: one per circuit.
/// </summary>
public sealed class RefundChanges
{
    public event Func<Task>? Changed;

    public async Task AnnounceAsync()
    {
        if (Changed is { } changed) await changed();
    }
}
