using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.Options;
using Refunds.Dashboard.Identity;

namespace Refunds.Dashboard.Components;

/// <summary>
/// One open dashboard's idle clock. An operator's session slides with every action; after
/// <see cref="AuthOptions.SessionTimeout"/> without one it has expired, and the next change they
/// try is refused until they sign in again — in another tab, so the page and what they typed stay.
/// </summary>
public sealed class SessionActivity(IOptions<AuthOptions> options, TimeProvider clock)
{
    private DateTimeOffset _lastActivity = clock.GetUtcNow();

    /// <summary>When the session ran out, while it is out; null while it is alive.</summary>
    public DateTimeOffset? ExpiredSince { get; private set; }

    /// <summary>Raised when the session runs out or is renewed, so the layout can say so.</summary>
    public event Action? Changed;

    /// <summary>Every event from the browser passes here before it is handled.</summary>
    public void RecordActivity()
    {
        var now = clock.GetUtcNow();
        if (ExpiredSince is null && now - _lastActivity > options.Value.SessionTimeout)
        {
            ExpiredSince = _lastActivity + options.Value.SessionTimeout;
            Changed?.Invoke();
        }
        _lastActivity = now;
    }

    /// <summary>The operator signed in again: changes are allowed again.</summary>
    public void Renewed()
    {
        if (ExpiredSince is null) return;
        ExpiredSince = null;
        Changed?.Invoke();
    }

    /// <summary>Feeds browser events of this circuit to its idle clock.</summary>
    internal sealed class Tracker(SessionActivity activity) : CircuitHandler
    {
        public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
            context =>
            {
                activity.RecordActivity();
                return next(context);
            };
    }
}
