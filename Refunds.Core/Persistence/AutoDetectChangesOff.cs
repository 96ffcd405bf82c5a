using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Refunds.Core.Persistence;

/// <summary>
/// Turns EF's automatic change detection off until disposed, where a scan of every tracked entity would find
/// nothing new: the changes were just detected, or what is looked at records its own changes.
/// </summary>
internal readonly struct AutoDetectChangesOff : IDisposable
{
    private readonly ChangeTracker _tracker;
    private readonly bool _wasOn;

    public AutoDetectChangesOff(ChangeTracker tracker)
    {
        _tracker = tracker;
        _wasOn = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
    }

    public void Dispose() => _tracker.AutoDetectChangesEnabled = _wasOn;
}
