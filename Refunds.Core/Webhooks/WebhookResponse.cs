namespace Refunds.Core.Webhooks;

/// <summary>What came of sending one message: the HTTP status (null when there was no answer), how long it took, why it failed.</summary>
public sealed record WebhookResponse(DateTimeOffset At, int? HttpStatus, TimeSpan Duration, string? Error, string? Excerpt)
{
    public bool Succeeded => HttpStatus is >= 200 and < 300;

    /// <summary>The endpoint says it is gone for good: it is switched off at once.</summary>
    public bool Gone => HttpStatus == 410;
}
