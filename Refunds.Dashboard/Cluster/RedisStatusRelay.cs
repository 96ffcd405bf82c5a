using System.Text.Json;
using System.Text.Json.Serialization;
using Refunds.Core;
using Refunds.Core.Approvals;
using Refunds.Core.Payments;
using Refunds.Core.Refunds;
using StackExchange.Redis;

namespace Refunds.Dashboard.Cluster;

/// <summary>
/// Carries refund status changes between instances for their pages, over Redis pub/sub. Each change this
/// instance commits is published once, with this instance's id; each change another instance published
/// is delivered to this instance's pages only (never to the hub bridge: the backplane already brought
/// that broadcast to this instance's hub clients). Its own messages coming back are dropped: this
/// instance's pages had those changes at the commit. So each page hears of each change once.
/// Pub/sub keeps nothing: what is sent while an instance is cut off from Redis is lost to it, so its
/// pages are told to read their data again when the link comes back.
/// </summary>
internal sealed class RedisStatusRelay(IConnectionMultiplexer redis, RefundStatusNotifier notifier, ILogger<RedisStatusRelay> logger) : IHostedService
{
    private static readonly RedisChannel Channel = RedisChannel.Literal("refund-status");

    // Statuses by their wire names (ADR-003), as everywhere else they leave the process.
    private static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseUpper, allowIntegerValues: false) } };

    private readonly string _instance = Guid.NewGuid().ToString("N");
    private IDisposable? _localCommits;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        redis.ConnectionFailed += OnConnectionFailed;
        redis.ConnectionRestored += OnConnectionRestored;
        _localCommits = notifier.SubscribeToLocalCommits(PublishAsync);
        try
        {
            // A handler, not a message queue: pages reload on any notice, so order does not matter, and a
            // handler whose subscription failed stays registered and is subscribed when Redis answers.
            await redis.GetSubscriber().SubscribeAsync(Channel, Receive);
        }
        catch (RedisException ex)
        {
            logger.LogError(ex, "Redis (ConnectionStrings:Redis) did not answer: pages here miss other instances' refund status changes until it does");
        }
    }

    // The Redis subscription ends with the connection, which the app disposes after stopping.
    public Task StopAsync(CancellationToken cancellationToken)
    {
        _localCommits?.Dispose();
        redis.ConnectionFailed -= OnConnectionFailed;
        redis.ConnectionRestored -= OnConnectionRestored;
        return Task.CompletedTask;
    }

    // Fire and forget: pub/sub promises no delivery anyway, so waiting for Redis's answer would only hold up the next change.
    private Task PublishAsync(RefundStatusChanged change) =>
        redis.GetSubscriber().PublishAsync(Channel, JsonSerializer.Serialize(StatusMessage.Of(_instance, change), Json), CommandFlags.FireAndForget);

    private void Receive(RedisChannel channel, RedisValue message)
    {
        RefundStatusChanged change;
        try
        {
            var received = JsonSerializer.Deserialize<StatusMessage>(message.ToString(), Json);
            // This instance's own: its pages heard of the change at the commit.
            if (received is null || received.Instance == _instance) return;
            change = received.ToChange();
        }
        catch (Exception ex) when (ex is JsonException or RuleViolation)
        {
            logger.LogWarning(ex, "Ignored a message on the refund status channel that is not a refund status change");
            return;
        }
        notifier.DeliverFromOtherInstance(change);
    }

    private void OnConnectionFailed(object? sender, ConnectionFailedEventArgs e)
    {
        if (e.ConnectionType == ConnectionType.Subscription)
            logger.LogWarning(e.Exception, "Lost Redis: pages here miss other instances' refund status changes until it is back ({FailureType})", e.FailureType);
    }

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e)
    {
        if (e.ConnectionType != ConnectionType.Subscription) return;
        logger.LogInformation("Redis is back: pages here read their refunds again, for the changes they may have missed");
        notifier.ReportMissedChanges();
    }

    /// <summary>A status change (or an approval recorded) on the wire, with the instance that committed it.</summary>
    private sealed record StatusMessage(string Instance, Guid RefundId, Guid PaymentId, RefundStatus Status, RefundStatus? PreviousStatus,
        DateTimeOffset At, string? FailureReason, string ActorId, long AmountMinorUnits, string Currency, ApprovalMessage? Approval = null)
    {
        public static StatusMessage Of(string instance, RefundStatusChanged change) => new(instance, change.RefundId, change.PaymentId, change.Status,
            change.PreviousStatus, change.At, change.FailureReason, change.ActorId, change.Amount.MinorUnits, change.Amount.Currency.Code,
            change.Approval is { } a ? new ApprovalMessage(a.Number, a.By, a.ByName, a.At, a.Note) : null);

        public RefundStatusChanged ToChange() =>
            new(RefundId, PaymentId, Status, PreviousStatus, At, FailureReason, ActorId, new Money(AmountMinorUnits, Core.Payments.Currency.Of(Currency)),
                Approval is { } a ? new Approval(a.Number, a.By, a.ByName, a.At, a.Note) : null);
    }

    private sealed record ApprovalMessage(int Number, string By, string ByName, DateTimeOffset At, string? Note);
}
