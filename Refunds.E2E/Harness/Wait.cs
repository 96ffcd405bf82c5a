namespace Refunds.E2E.Harness;

/// <summary>Waiting on a real process for something that happens in the background (payouts, live events).</summary>
public static class Wait
{
    /// <summary>Asks <paramref name="condition"/> every 100 ms until it holds; fails the test after <paramref name="timeout"/>.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Condition not met within {timeout.TotalSeconds} s.");
            await Task.Delay(100);
        }
    }
}
