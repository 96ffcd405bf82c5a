using Microsoft.Extensions.Logging;
using Refunds.Core.Payments;
using Refunds.Core.Refunds;
using Refunds.Dashboard.Tests.Support;

namespace Refunds.Dashboard.Tests.Core.Refunds;

public sealed class RefundStatusNotifierTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly CapturedLogs _logs = new();
    private readonly ILoggerFactory _loggers;
    private readonly RefundStatusNotifier _notifier;

    public RefundStatusNotifierTests()
    {
        _loggers = LoggerFactory.Create(logging => logging.AddProvider(_logs));
        _notifier = new RefundStatusNotifier(_loggers.CreateLogger<RefundStatusNotifier>());
    }

    public void Dispose()
    {
        _notifier.Dispose();
        _loggers.Dispose();
    }

    private static RefundStatusChanged Change(RefundStatus status = RefundStatus.Approved) =>
        new(Guid.NewGuid(), Guid.NewGuid(), status, RefundStatus.Created, DateTimeOffset.UtcNow, null, "checker", new Money(1000, Currency.Of("AED")));

    [Fact]
    public async Task Publishing_returns_at_once_while_a_subscriber_has_not_finished_and_the_others_are_told_meanwhile()
    {
        var stuck = new TaskCompletionSource();
        using var slow = _notifier.SubscribeToLocalCommits(_ => stuck.Task);
        var told = new TaskCompletionSource<RefundStatusChanged>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var quick = _notifier.SubscribeToLocalCommits(change => { told.TrySetResult(change); return Task.CompletedTask; });
        var change = Change();

        _notifier.Publish([change]);

        Assert.Equal(change, await told.Task.WaitAsync(Timeout));
        stuck.SetResult();
    }

    [Fact]
    public async Task A_subscriber_that_throws_is_logged_and_neither_the_others_nor_its_own_later_changes_are_lost()
    {
        var calls = 0;
        using var failing = _notifier.SubscribeToLocalCommits(_ =>
            Interlocked.Increment(ref calls) == 1 ? throw new InvalidOperationException("hub down") : Task.CompletedTask);
        var heardByView = new List<RefundStatusChanged>();
        using var view = _notifier.SubscribeToAllInstances(change => { lock (heardByView) heardByView.Add(change); return Task.CompletedTask; },
            () => Task.CompletedTask);
        RefundStatusChanged[] changes = [Change(), Change()];

        _notifier.Publish(changes);

        await Until(() => Volatile.Read(ref calls) == 2 && Locked(heardByView, l => l.Count == 2));
        Assert.Equal(changes, heardByView);
        Assert.Contains(_logs.Lines, line => line.Contains("A subscriber failed to handle the status change"));
    }

    [Fact]
    public async Task A_view_that_falls_too_far_behind_misses_what_does_not_fit_with_a_warning_and_is_told_to_read_again()
    {
        var released = new TaskCompletionSource();
        var heard = 0;
        var missedReported = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var view = _notifier.SubscribeToAllInstances(async _ =>
        {
            await released.Task;
            Interlocked.Increment(ref heard);
        }, () => { missedReported.TrySetResult(); return Task.CompletedTask; });
        var tooMany = Enumerable.Range(0, RefundStatusNotifier.QueueCapacity + 100).Select(_ => Change()).ToList();

        _notifier.Publish(tooMany);
        released.SetResult();

        await missedReported.Task.WaitAsync(Timeout);
        Assert.InRange(Volatile.Read(ref heard), RefundStatusNotifier.QueueCapacity, RefundStatusNotifier.QueueCapacity + 1);
        Assert.Single(_logs.Lines, line => line.Contains("changes behind"));
    }

    [Fact]
    public async Task A_disposed_subscription_is_told_nothing_more()
    {
        var heard = 0;
        var subscription = _notifier.SubscribeToLocalCommits(_ => { Interlocked.Increment(ref heard); return Task.CompletedTask; });
        var stillSubscribed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var other = _notifier.SubscribeToLocalCommits(_ => { stillSubscribed.TrySetResult(); return Task.CompletedTask; });

        subscription.Dispose();
        _notifier.Publish([Change()]);

        await stillSubscribed.Task.WaitAsync(Timeout);
        await Task.Delay(100);
        Assert.Equal(0, heard);
    }

    private static bool Locked<T>(List<T> list, Func<List<T>, bool> condition)
    {
        lock (list) return condition(list);
    }

    private static async Task Until(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        while (!condition()) await Task.Delay(10, timeout.Token);
    }
}
