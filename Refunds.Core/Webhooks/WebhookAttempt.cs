namespace Refunds.Core.Webhooks;

/// <summary>One try at delivering: what the endpoint answered, or why there was no answer.</summary>
public sealed class WebhookAttempt
{
    /// <summary>The most of a response body kept.</summary>
    public const int ResponseExcerptBytes = 4096;

    public const int ErrorLength = 500;

    private WebhookAttempt()
    {
    }

    internal WebhookAttempt(Guid deliveryId, WebhookResponse response)
    {
        Id = Guid.CreateVersion7(response.At);
        DeliveryId = deliveryId;
        At = response.At;
        HttpStatus = response.HttpStatus;
        DurationMs = (int)Math.Min(int.MaxValue, response.Duration.TotalMilliseconds);
        Error = response.Error is { Length: > ErrorLength } long_ ? long_[..ErrorLength] : response.Error;
        ResponseExcerpt = response.Excerpt;
    }

    public Guid Id { get; private set; }

    public Guid DeliveryId { get; private set; }

    public DateTimeOffset At { get; private set; }

    /// <summary>The HTTP status answered; null when there was no answer (refused target, timeout, connection failure).</summary>
    public int? HttpStatus { get; private set; }

    public int DurationMs { get; private set; }

    public string? Error { get; private set; }

    /// <summary>The start of the response body, at most <see cref="ResponseExcerptBytes"/> bytes of it.</summary>
    public string? ResponseExcerpt { get; private set; }

    public bool Succeeded => HttpStatus is >= 200 and < 300;
}
