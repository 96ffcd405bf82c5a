namespace Refunds.Core.Persistence;

/// <summary>
/// A count of requests (or failed sign-ins) under one key, shared by every instance of the dashboard so
/// that its limits hold across them; it starts over once it has expired. Written with one atomic
/// upsert per hit, never through tracked entities.
/// </summary>
public sealed class RateCounter
{
    private RateCounter()
    {
        Key = null!;
    }

    /// <summary>What is counted: the limit and whom it applies to (e.g. <c>token:127.0.0.1</c>).</summary>
    public string Key { get; private set; }

    public long Count { get; private set; }

    /// <summary>When the window ends: from then on the count is void and the next hit starts it over.</summary>
    public DateTimeOffset ExpiresAt { get; private set; }

    /// <summary>The longest key stored; longer ones are stored as their hash.</summary>
    public const int MaxKeyLength = 200;
}
