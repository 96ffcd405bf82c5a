using Microsoft.Extensions.Options;
using Refunds.Dashboard.Hosting;

namespace Refunds.Dashboard.Identity.BuiltInProvider;

/// <summary>
/// Locks a username for a while after too many failed sign-ins within a window. Usernames that do
/// not exist are counted the same way, so the lockout reveals nothing about who has an account.
/// Failures and locks are counted in the <see cref="RateCounters"/> every instance shares, so failures
/// spread over several instances lock the username on all of them. The window is fixed from a
/// username's first failure: it starts over once it has passed without a lock.
/// </summary>
public sealed class SignInLockout(RateCounters counters, IOptions<BuiltInProviderOptions> options)
{
    public async Task<bool> IsLockedAsync(string username, CancellationToken cancellationToken) =>
        await counters.ReadAsync(LockKey(username), cancellationToken) > 0;

    /// <summary>Counts a failure; the one that reaches the threshold locks the username, for the whole duration from now, also when it is locked already.</summary>
    public async Task RecordFailureAsync(string username)
    {
        var settings = options.Value;
        // No request's token: a client that gives up must not take its failure back.
        var failures = await counters.AddAsync(FailuresKey(username), 1, settings.LockoutWindow, CancellationToken.None);
        if (failures.Count < settings.LockoutThreshold) return;
        await counters.RemoveAsync(LockKey(username), CancellationToken.None);
        await counters.AddAsync(LockKey(username), 1, settings.LockoutDuration, CancellationToken.None);
        await counters.RemoveAsync(FailuresKey(username), CancellationToken.None);
    }

    public Task RecordSuccessAsync(string username) => counters.RemoveAsync(FailuresKey(username), CancellationToken.None);

    private static string FailuresKey(string username) => "sign-in-failures:" + Normalized(username);

    private static string LockKey(string username) => "sign-in-locked:" + Normalized(username);

    // Usernames are matched without regard to case or surrounding spaces.
    private static string Normalized(string username) => username.Trim().ToUpperInvariant();
}
