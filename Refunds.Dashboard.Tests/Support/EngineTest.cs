namespace Refunds.Dashboard.Tests.Support;

/// <summary>Base for engine tests: a fresh database per test.</summary>
public abstract class EngineTest : IAsyncLifetime
{
    protected EngineHarness Engine { get; private set; } = null!;

    protected virtual void Configure(Refunds.Core.RefundsOptions options)
    {
    }

    public async Task InitializeAsync() => Engine = await EngineHarness.StartAsync(Configure);

    public async Task DisposeAsync() => await Engine.DisposeAsync();
}
