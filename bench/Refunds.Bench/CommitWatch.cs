using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Refunds.Bench;

/// <summary>
/// When each webhook event was committed, seen from outside the app: a reader of its own on the database file
/// polls for new event rows every few milliseconds (WAL: readers never wait for the writer). An event first seen
/// by one poll was committed after the poll before it began, so that time is taken as its commit: a latency
/// measured from it errs high, by at most one poll interval and one query.
/// </summary>
public sealed class CommitWatch : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(5);

    private readonly ConcurrentDictionary<string, DateTimeOffset> _committedAfter = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _polling;

    public CommitWatch(string databasePath)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadOnly }.ToString());
        connection.Open();
        _polling = Task.Run(() => PollAsync(connection));
    }

    /// <summary>The latest time the event (by its <c>webhook-id</c>) was not yet committed, if it was seen at all.</summary>
    public DateTimeOffset? CommittedAfter(string webhookId) => _committedAfter.TryGetValue(webhookId, out var at) ? at : null;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _polling;
        _stop.Dispose();
    }

    private async Task PollAsync(SqliteConnection connection)
    {
        await using (connection)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT rowid, Id FROM webhook_events WHERE rowid > $last ORDER BY rowid";
            var last = command.Parameters.Add("$last", SqliteType.Integer);
            // Events already there are not this burst's.
            using (var start = connection.CreateCommand())
            {
                start.CommandText = "SELECT coalesce(max(rowid), 0) FROM webhook_events";
                last.Value = (long)start.ExecuteScalar()!;
            }
            var previousPoll = DateTimeOffset.UtcNow;
            while (!_stop.IsCancellationRequested)
            {
                var poll = DateTimeOffset.UtcNow;
                var started = Stopwatch.GetTimestamp();
                using (var reader = command.ExecuteReader())
                {
                    while (reader.Read())
                    {
                        last.Value = reader.GetInt64(0);
                        _committedAfter[$"msg_{Guid.Parse(reader.GetString(1)):N}"] = previousPoll;
                    }
                }
                previousPoll = poll;
                var wait = Interval - Stopwatch.GetElapsedTime(started);
                if (wait > TimeSpan.Zero)
                {
                    try
                    {
                        await Task.Delay(wait, _stop.Token);
                    }
                    catch (OperationCanceledException)
                    {
                        return;
                    }
                }
            }
        }
    }
}
