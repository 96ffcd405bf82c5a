using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Refunds.Core;
using Refunds.Core.Access;
using Refunds.Core.Payments;
using Refunds.Core.Payouts;
using Refunds.Core.Payouts.SimulatedBank;
using Refunds.Core.Persistence;
using Refunds.Core.Reasons;
using Refunds.Core.Refunds;
using Refunds.Core.Webhooks;
using Refunds.Dashboard.Webhooks;

namespace Refunds.Dashboard.Tests.Support;

/// <summary>
/// The engine on its own database (a SQLite file unless told otherwise), as the app wires it, with a
/// clock the test moves. Each harness has a fresh database that is removed afterwards, unless it was
/// handed one to share.
/// </summary>
public sealed class EngineHarness : IAsyncDisposable
{
    public static readonly Actor Maker = new("maker", "Mona Maker", ActorKind.Person, Permission.ReadRefunds | Permission.WriteRefunds | Permission.ReadPayments);
    public static readonly Actor Checker = new("checker", "Chris Checker", ActorKind.Person, Permission.ReadRefunds | Permission.ApproveRefunds | Permission.ReadPayments);
    public static readonly Actor SecondChecker = new("checker-2", "Cara Checker", ActorKind.Person, Permission.ReadRefunds | Permission.ApproveRefunds);
    public static readonly Actor Viewer = new("viewer", "Vic Viewer", ActorKind.Person, Permission.ReadRefunds | Permission.ReadPayments);
    public static readonly Actor Feed = new("feed", "Payment feed", ActorKind.Integration, Permission.WritePayments | Permission.ReadPayments);
    public static readonly Actor Admin = new("admin", "Ada Admin", ActorKind.Person, Permission.ManageReasonCodes);

    private readonly ServiceProvider _services;
    private readonly bool _ownsDatabase;

    private EngineHarness(TestDatabase database, bool ownsDatabase, Action<RefundsOptions>? configure, Action<IServiceCollection>? changeServices)
    {
        Database = database;
        _ownsDatabase = ownsDatabase;
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddOptions<RefundsOptions>().Configure(o => configure?.Invoke(o));
        services.AddOptions<SimulatedBankOptions>().Configure(o =>
        {
            o.SettlementDelay = TimeSpan.FromSeconds(3);
            o.OpeningBalances["AED"] = 1_000_000m;
            o.OpeningBalances["SAR"] = 1_000_000m;
            o.OpeningBalances["KWD"] = 100_000m;
        });
        services.AddOptions<PayoutOptions>();
        changeServices?.Invoke(services);
        services.AddRefundsDatabase(database.Provider, database.ConnectionString);
        services.AddRefundsEngine();
        // Webhook events carry the refund as the API shows it.
        services.AddSingleton<IWebhookEventBody, RefundEventBody>();
        _services = services.BuildServiceProvider(validateScopes: true);
    }

    public TestDatabase Database { get; }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero));

    public RefundEngine Refunds => _services.GetRequiredService<RefundEngine>();

    public PaymentIntake Payments => _services.GetRequiredService<PaymentIntake>();

    public ReasonCatalog Reasons => _services.GetRequiredService<ReasonCatalog>();

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    /// <param name="database">A database to share with other harnesses (it stays when this one is disposed); a fresh one when null.</param>
    /// <param name="services">Changes to the wiring, e.g. a different payout rail or bank settings.</param>
    /// <param name="provider">The provider of the fresh database.</param>
    public static async Task<EngineHarness> StartAsync(Action<RefundsOptions>? configure = null, TestDatabase? database = null,
        Action<IServiceCollection>? services = null, DatabaseProvider provider = DatabaseProvider.Sqlite)
    {
        var harness = new EngineHarness(database ?? await TestDatabase.CreateAsync(provider), ownsDatabase: database is null, configure, services);
        await harness.Database.MigrateAsync();
        return harness;
    }

    /// <summary>A context of its own, for looking at what was (or was not) written.</summary>
    public Task<RefundsDbContext> NewContextAsync() =>
        _services.GetRequiredService<IDbContextFactory<RefundsDbContext>>().CreateDbContextAsync();

    /// <summary>A payment accepted by the bank and (unless told otherwise) reconciled.</summary>
    public async Task<Payment> PaymentAsync(decimal amount = 100m, string currency = "AED", bool reconciled = true,
        PaymentStatus status = PaymentStatus.AcceptedByBank)
    {
        var id = Guid.NewGuid();
        await Payments.IngestAsync(Feed, [NewPayment(id, amount, currency, status)]);
        return reconciled
            ? await Payments.ReconcileAsync(Feed, id, $"STMT-{id:N}")
            : await PaymentByIdAsync(id);
    }

    public static NewPayment NewPayment(Guid id, decimal amount = 100m, string currency = "AED", PaymentStatus status = PaymentStatus.AcceptedByBank) =>
        new(id, amount, currency, status, new PayerAccount("Ahmed Haddad", ValidIban, "Abu Dhabi", "Emirates NBD"),
            CustomerId: "CUST-1", MerchantReference: $"ORD-{id.ToString("N")[..8]}");

    public const string ValidIban = "AE070331234567890123456";

    public async Task<Payment> PaymentByIdAsync(Guid id)
    {
        await using var db = await NewContextAsync();
        return await db.Payments.AsNoTracking().SingleAsync(p => p.Id == id);
    }

    public async Task<Refund> RefundByIdAsync(Guid id)
    {
        await using var db = await NewContextAsync();
        return await db.Refunds.AsNoTracking().Include(r => r.Payment).Include(r => r.History).SingleAsync(r => r.Id == id);
    }

    public async Task<int> RefundCountAsync()
    {
        await using var db = await NewContextAsync();
        return await db.Refunds.CountAsync();
    }

    /// <summary>Creates one CREATED refund as <see cref="Maker"/>.</summary>
    public async Task<Refund> RefundAsync(Payment payment, decimal? amount = 10m, string reason = "CUSTOMER_REQUEST", Actor? maker = null) =>
        (await Refunds.CreateAsync(maker ?? Maker, [new RefundRequest(payment.Id, amount, payment.CurrencyCode, reason)]))[0];

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        if (_ownsDatabase) await Database.DisposeAsync();
    }
}
