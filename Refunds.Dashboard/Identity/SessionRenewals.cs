using System.Collections.Concurrent;

namespace Refunds.Dashboard.Identity;

/// <summary>
/// When each operator last signed in. A dashboard whose session ran out while it stayed open asks
/// here whether its operator has signed in again since, so it can carry on without a reload.
/// Kept in memory: with several instances a renewal is seen by the instance that handled it (and
/// sessions are sticky to one instance).
/// </summary>
public sealed class SessionRenewals(TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _signedInAt = new(StringComparer.Ordinal);

    public void Record(string subject) => _signedInAt[subject] = clock.GetUtcNow();

    public bool SignedInSince(string subject, DateTimeOffset since) => _signedInAt.TryGetValue(subject, out var at) && at >= since;
}
