using Microsoft.Extensions.Logging;
using Refunds.Core.Payments;
using Refunds.Core.Refunds;
using Refunds.Dashboard.Components;
using Refunds.Dashboard.Tests.Support;

namespace Refunds.Dashboard.Tests.Components;

public sealed class LiveRefundsTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly CapturedLogs _logs = new();
    private readonly ILoggerFactory _loggers;
    private readonly RefundStatusNotifier _notifier;
    private readonly LiveRefunds _live;

    public LiveRefundsTests()
    {
        _loggers = LoggerFactory.Create(logging => logging.AddProvider(_logs));
        _notifier = new RefundStatusNotifier(_loggers.CreateLogger<RefundStatusNotifier>());
        _live = new LiveRefunds(_notifier, _loggers.CreateLogger<LiveRefunds>());
    }

    public void Dispose()
    {
        _live.Dispose();
        _notifier.Dispose();
        _loggers.Dispose();
    }

    private static RefundStatusChanged Change() =>
        new(Guid.NewGuid(), Guid.NewGuid(), RefundStatus.Approved, RefundStatus.Created, DateTimeOffset.UtcNow, null, "checker", new Money(1000, Currency.Of("AED")));

    [Fact]
    public async Task Every_component_is_told_and_awaited_even_when_one_before_it_fails_and_the_failure_is_logged()
    {
        var first = new TaskCompletionSource<LiveRefunds.Notice>(TaskCreationOptions.RunContinuationsAsynchronously);
        var last = new TaskCompletionSource<LiveRefunds.Notice>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var a = _live.Subscribe(async notice =>
        {
            await Task.Yield();
            first.TrySetResult(notice);
        });
        using var failing = _live.Subscribe(_ => throw new InvalidOperationException("render failed"));
        using var b = _live.Subscribe(notice => { last.TrySetResult(notice); return Task.CompletedTask; });
        var change = Change();

        _notifier.Publish([change]);

        Assert.Equal([change], (await first.Task.WaitAsync(Timeout)).Changes);
        Assert.Equal([change], (await last.Task.WaitAsync(Timeout)).Changes);
        Assert.Contains(_logs.Lines, line => line.Contains("A live view failed to refresh"));
    }

    [Fact]
    public async Task A_disposed_subscription_is_not_told()
    {
        var told = false;
        var subscription = _live.Subscribe(_ => { told = true; return Task.CompletedTask; });
        var other = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stays = _live.Subscribe(_ => { other.TrySetResult(); return Task.CompletedTask; });

        subscription.Dispose();
        _notifier.Publish([Change()]);

        await other.Task.WaitAsync(Timeout);
        Assert.False(told);
    }

    [Fact]
    public async Task A_notice_waits_until_the_views_have_handled_the_one_before_it_and_carries_the_changes_that_came_meanwhile()
    {
        var handling = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var slowReload = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var second = new TaskCompletionSource<LiveRefunds.Notice>(TaskCreationOptions.RunContinuationsAsynchronously);
        var notices = 0;
        using var view = _live.Subscribe(async notice =>
        {
            if (Interlocked.Increment(ref notices) == 1)
            {
                handling.TrySetResult();
                await slowReload.Task;
            }
            else second.TrySetResult(notice);
        });
        _notifier.Publish([Change()]);
        await handling.Task.WaitAsync(Timeout);

        var meanwhile = Change();
        _notifier.Publish([meanwhile]);
        await Task.Delay(LiveRefunds.Quiet * 4);
        Assert.Equal(1, Volatile.Read(ref notices));

        slowReload.SetResult();
        Assert.Equal([meanwhile], (await second.Task.WaitAsync(Timeout)).Changes);
    }
}
