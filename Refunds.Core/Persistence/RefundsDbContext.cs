using Microsoft.EntityFrameworkCore;
using Refunds.Core.Analytics;
using Refunds.Core.Approvals;
using Refunds.Core.Audit;
using Refunds.Core.Payments;
using Refunds.Core.Payouts.BankFile;
using Refunds.Core.Payouts.SimulatedBank;
using Refunds.Core.Reasons;
using Refunds.Core.Refunds;
using Refunds.Core.Statements;
using Refunds.Core.Webhooks;

namespace Refunds.Core.Persistence;

/// <summary>
/// The one database of the product: one model, run on SQLite or PostgreSQL. Each provider has a
/// context type of its own only so that each has its own migrations (EF Core's pattern for several
/// providers); everything else asks for this type.
/// Add a migration, once per provider:
/// <code>
/// dotnet tool restore
/// dotnet ef migrations add &lt;Name&gt; --project Refunds.Core --context SqliteRefundsDbContext --output-dir Persistence/Migrations/Sqlite
/// dotnet ef migrations add &lt;Name&gt; --project Refunds.Core --context PostgreSqlRefundsDbContext --output-dir Persistence/Migrations/PostgreSql
/// </code>
/// </summary>
public abstract class RefundsDbContext(DbContextOptions options) : DbContext(options)
{
    private readonly List<Refund> _untrackedRefunds = [];

    // Inside a SQLite group commit: what this unit's saves move in the daily figures, added to the database once for the
    // whole group, just before its commit (ADR-010), instead of by an upsert at every unit's save.
    private FigureTally? _unitFigures;

    public DbSet<Payment> Payments => Set<Payment>();

    public DbSet<Refund> Refunds => Set<Refund>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<ReasonCode> ReasonCodes => Set<ReasonCode>();

    public DbSet<ApprovalPolicy> ApprovalPolicies => Set<ApprovalPolicy>();

    public DbSet<StatementImport> StatementImports => Set<StatementImport>();

    public DbSet<ImportedStatementLine> StatementLines => Set<ImportedStatementLine>();

    public DbSet<DailyFigure> DailyFigures => Set<DailyFigure>();
    public DbSet<PayoutFile> PayoutFiles => Set<PayoutFile>();

    public DbSet<PayoutFileContent> PayoutFileContents => Set<PayoutFileContent>();

    public DbSet<PayoutFileItem> PayoutFileItems => Set<PayoutFileItem>();

    public DbSet<ReceivedStatusReport> ReceivedStatusReports => Set<ReceivedStatusReport>();

    public DbSet<ProviderKey> ProviderKeys => Set<ProviderKey>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<RateCounter> RateCounters => Set<RateCounter>();

    public DbSet<SimulatedPayout> SimulatedPayouts => Set<SimulatedPayout>();

    public DbSet<SimulatedPayoutAccount> SimulatedPayoutAccounts => Set<SimulatedPayoutAccount>();

    public DbSet<WebhookEndpoint> WebhookEndpoints => Set<WebhookEndpoint>();

    public DbSet<WebhookEvent> WebhookEvents => Set<WebhookEvent>();

    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();

    public DbSet<WebhookAttempt> WebhookAttempts => Set<WebhookAttempt>();

    /// <summary>
    /// The groups of tables in the one database, each configured from its own folder of
    /// <c>Persistence/Configurations</c>: the engine's, then those of what hosts it (ADR-012).
    /// </summary>
    internal static readonly Type[] ConfigurationGroups =
    [
        // Payments, refunds, their approvals and audit trail, the approval policy, the reason codes and the imported bank statements.
        typeof(Configurations.Engine.RefundConfiguration),
        // The daily figures of refunds and payments, kept with every change (the Overview, the status counts).
        typeof(Configurations.Analytics.DailyFigureConfiguration),
        // The bank-file rail's payout files, the refunds in them, and the bank's status reports applied.
        typeof(Configurations.BankFile.PayoutFileConfiguration),
        // The built-in identity provider's signing keys (its clients, authorizations and tokens are OpenIddict's own tables).
        typeof(Configurations.IdentityProvider.ProviderKeyConfiguration),
        // The data-protection key ring of the dashboard's cookies and forms.
        typeof(Configurations.DataProtection.DataProtectionKeyConfiguration),
        // The simulated bank's ledger and payout accounts.
        typeof(Configurations.SimulatedBank.SimulatedPayoutConfiguration),
        // The request and sign-in counters every instance shares (when there is no Redis).
        typeof(Configurations.RateLimits.RateCounterConfiguration),
        // Integrations' webhook endpoints, the outbox of refund events, and their deliveries with every attempt.
        typeof(Configurations.Webhooks.WebhookEndpointConfiguration),
    ];

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        foreach (var group in ConfigurationGroups)
            modelBuilder.ApplyConfigurationsFromAssembly(group.Assembly, type => type.Namespace == group.Namespace);
        modelBuilder.UseOpenIddict();
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Stored as UTC ticks: sortable and comparable in SQL on every provider (SQLite has no
        // native date type and cannot order DateTimeOffset text).
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        using var detected = RefuseAuditRewrites();
        var figures = FigureTally.OfPendingChanges(this);
        if (figures.IsEmpty) return base.SaveChanges(acceptAllChangesOnSuccess);
        RequireTransaction();
        var saved = base.SaveChanges(acceptAllChangesOnSuccess);
        if (_unitFigures is { } deferred) deferred.AddAll(figures);
        else figures.AddToDatabase(this);
        figures.MarkCounted();
        return saved;
    }

    /// <summary>
    /// Saves, and adds what the saved refund status changes and new payments move to the daily figures
    /// in the same transaction: they commit together or not at all, whoever made the change.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        using var detected = RefuseAuditRewrites();
        var figures = FigureTally.OfPendingChanges(this);
        if (figures.IsEmpty) return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        RequireTransaction();
        var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        if (_unitFigures is { } deferred) deferred.AddAll(figures);
        else await figures.AddToDatabaseAsync(this, cancellationToken);
        figures.MarkCounted();
        return saved;
    }

    /// <summary>
    /// The refunds this unit of work answers for: those the context tracks, and those it saved set-based without
    /// tracking them (<see cref="AnswerFor"/>). Listed without scanning every tracked entity for changes: what a
    /// refund changed it records itself (<see cref="Refund.PendingChanges"/>).
    /// </summary>
    internal List<Refund> UnitRefunds()
    {
        using var off = new AutoDetectChangesOff(ChangeTracker);
        return [.. ChangeTracker.Entries<Refund>().Select(e => e.Entity), .. _untrackedRefunds];
    }

    /// <summary>Refunds saved without tracking: their status changes still reach the daily figures, the outbox and the notifier.</summary>
    internal void AnswerFor(IEnumerable<Refund> untracked) => _untrackedRefunds.AddRange(untracked);

    /// <summary>
    /// From now on, the daily figures the saves of each unit of work move are kept (<see cref="UnitFigures"/>) for the
    /// caller to add to the database with those of other units, instead of added at each save.
    /// </summary>
    internal void DeferFigures() => _unitFigures = new FigureTally();

    /// <summary>What the current unit's saves moved in the daily figures, while they are deferred.</summary>
    internal FigureTally UnitFigures => _unitFigures ?? throw new InvalidOperationException("The daily figures are not deferred on this context.");

    // Contexts are pooled: one handed out again starts with no unit's refunds, as with nothing tracked, and adds its figures itself.
    public override void Dispose()
    {
        _untrackedRefunds.Clear();
        _unitFigures = null;
        base.Dispose();
    }

    public override ValueTask DisposeAsync()
    {
        _untrackedRefunds.Clear();
        _unitFigures = null;
        return base.DisposeAsync();
    }

    /// <summary>Forgets what one unit of work read and changed, so the next one on this context starts from the database.</summary>
    internal void ForgetUnit()
    {
        ChangeTracker.Clear();
        _untrackedRefunds.Clear();
        if (_unitFigures is not null) _unitFigures = new FigureTally();
    }

    // Outside a transaction the figures would be a statement of their own after the save's commit: a
    // crash between the two would leave them wrong. The unit of work always has one.
    private void RequireTransaction()
    {
        if (Database.CurrentTransaction is null)
            throw new InvalidOperationException("Refund status changes and new payments are saved in a unit of work's transaction, with their daily figures.");
    }

    // The audit trail is append-only: a change that edits or removes a line of it is a bug. Looking
    // detects the changes, so the save that follows does not detect them a second time.
    private AutoDetectChangesOff RefuseAuditRewrites()
    {
        if (ChangeTracker.Entries<AuditEntry>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
            throw new InvalidOperationException("Audit entries are append-only; they cannot be changed or deleted.");
        return new AutoDetectChangesOff(ChangeTracker);
    }

}
