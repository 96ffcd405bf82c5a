using Refunds.Core;
using Refunds.Core.Persistence;

namespace Refunds.Dashboard.Tests.Support;

/// <summary>
/// Base for engine tests: a fresh database per test. A rule test class is abstract with one nested
/// class per provider (<c>OnSqlite</c>, <c>OnPostgreSql</c>), so every rule is proven on both.
/// </summary>
public abstract class EngineTest : IAsyncLifetime
{
    protected EngineHarness Engine { get; private set; } = null!;

    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected virtual void Configure(RefundsOptions options)
    {
    }

    /// <summary>Another engine with other settings, on a fresh database of the same provider.</summary>
    protected Task<EngineHarness> StartEngineAsync(Action<RefundsOptions> configure) => EngineHarness.StartAsync(configure, provider: Provider);

    public virtual async Task InitializeAsync() => Engine = await EngineHarness.StartAsync(Configure, provider: Provider);

    public async Task DisposeAsync() => await Engine.DisposeAsync();
}
