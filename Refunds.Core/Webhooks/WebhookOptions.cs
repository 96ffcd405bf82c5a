using System.ComponentModel.DataAnnotations;

namespace Refunds.Core.Webhooks;

/// <summary>Section <c>Webhooks</c>: how refund events are delivered to integrations' endpoints.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>Whether this instance runs the delivery worker (with several instances, any number of them may).</summary>
    public bool WorkerEnabled { get; set; } = true;

    /// <summary>How long an endpoint has to answer; no 2xx within it is a failed attempt.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// The waits between a failed attempt and the next, the first after the first failure; each is
    /// varied by up to a fifth either way so that retries do not arrive in step. When they are spent the
    /// delivery has failed. The default runs for three days.
    /// </summary>
    [MinLength(1)]
    public TimeSpan[] RetrySchedule { get; set; } =
    [
        TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(30),
        TimeSpan.FromHours(1), TimeSpan.FromHours(3), TimeSpan.FromHours(6), TimeSpan.FromHours(12), TimeSpan.FromHours(24), TimeSpan.FromHours(24),
    ];

    /// <summary>An endpoint without a successful delivery for this long is switched off.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "90.00:00:00")]
    public TimeSpan DisableAfter { get; set; } = TimeSpan.FromDays(5);

    /// <summary>How long the previous secret still signs deliveries after a rotation.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "30.00:00:00")]
    public TimeSpan PreviousSecretValidFor { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Whether endpoints may be plain <c>http</c> (for local development); otherwise only <c>https</c>.</summary>
    public bool AllowInsecureUrls { get; set; }

    /// <summary>
    /// Whether endpoints may be on loopback, private, link-local or cloud metadata addresses (for local
    /// development); otherwise such targets are refused when registered and again when connecting.
    /// </summary>
    public bool AllowPrivateTargets { get; set; }

    /// <summary>How often the worker looks for due deliveries when nothing woke it.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long the worker lets commits gather once woken: one pass then takes a burst's events together,
    /// where a pass per commit was a second unit of work on the writer for every refund change.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:05")]
    public TimeSpan GatherDelay { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// How long one instance may hold a delivery, or an event it committed, before another may take it over (a
    /// crashed instance's work).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Messages one instance sends at the same time.</summary>
    [Range(1, 1024)]
    public int Concurrency { get; set; } = 64;
}
