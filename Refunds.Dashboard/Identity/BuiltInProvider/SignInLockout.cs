using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Refunds.Dashboard.Identity.BuiltInProvider;

/// <summary>
/// Locks a username for a while after too many failed sign-ins within a window. Usernames that do
/// not exist are counted the same way, so the lockout reveals nothing about who has an account.
/// Kept in memory: on several instances each counts its own failures (an attacker still meets the
/// limit on every one).
/// </summary>
public sealed class SignInLockout(IOptions<BuiltInProviderOptions> options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, Record> _records = new(StringComparer.OrdinalIgnoreCase);

    public bool IsLocked(string username)
    {
        var now = clock.GetUtcNow();
        return _records.TryGetValue(Key(username), out var record) && record.LockedUntil > now;
    }

    public void RecordFailure(string username)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow();
        _records.AddOrUpdate(Key(username),
            _ => new Record([now], null),
            (_, record) =>
            {
                var recent = record.Failures.Where(at => now - at < settings.LockoutWindow).Append(now).ToArray();
                return recent.Length >= settings.LockoutThreshold
                    ? new Record([], now + settings.LockoutDuration)
                    : new Record(recent, record.LockedUntil);
            });
    }

    public void RecordSuccess(string username) => _records.TryRemove(Key(username), out _);

    private static string Key(string username) => username.Trim();

    private sealed record Record(DateTimeOffset[] Failures, DateTimeOffset? LockedUntil);
}
