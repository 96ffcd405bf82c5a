using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Refunds.Core;
using Refunds.Core.Approvals;
using Refunds.Core.Persistence;
using Refunds.Core.Statements;

namespace Refunds.Dashboard.Hosting;

public static class EngineHosting
{
    /// <summary>The engine, its database and its settings; a bad setting stops the app at start with its name.</summary>
    public static WebApplicationBuilder AddRefundsEngine(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<RefundsOptions>().BindConfiguration(RefundsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<StatementOptions>().BindConfiguration(StatementOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.CsvColumns.Keys.All(CsvStatementReader.Columns.Contains),
                $"Statements:CsvColumns maps only these columns: {string.Join(", ", CsvStatementReader.Columns)}.").ValidateOnStart();
        builder.Services.AddOptions<ApprovalOptions>().BindConfiguration(ApprovalOptions.Section).ValidateDataAnnotations()
            .Validate(o => WhyTiersAreWrong(o) is null, "Approvals:Tiers: each tier has an ISO 4217 currency, an amount above zero, 1 to 5 approvals and no role or refunds.senior_approver.")
            .ValidateOnStart();
        builder.Services.AddOptions<DemoDataOptions>().BindConfiguration(DemoDataOptions.Section).ValidateOnStart();

        var connectionString = builder.Configuration.GetConnectionString("Refunds");
        if (string.IsNullOrWhiteSpace(connectionString))
            throw new InvalidOperationException("Setting ConnectionStrings:Refunds is missing: it names the database, e.g. \"Data Source=data/refunds.db\".");
        builder.Services.AddRefundsDatabase(DatabaseProviderSetting(builder.Configuration, "Database:Provider"), connectionString, builder.Environment.ContentRootPath);
        builder.Services.AddRefundsEngine();
        builder.Services.AddHostedService<DatabaseStartup>();
        builder.Services.AddHostedService<ApprovalExpiryService>();
        builder.Services.AddDataProtection().SetApplicationName("Refunds").ProtectKeysAtRest(builder.Configuration, builder.Environment);
        builder.Services.AddOptions<KeyManagementOptions>().Configure<IDbContextFactory<RefundsDbContext>>((o, contexts) => o.XmlRepository = new DatabaseKeyRing(contexts));
        return builder;
    }

    private static string? WhyTiersAreWrong(ApprovalOptions options)
    {
        try
        {
            options.TiersAsSet();
            return null;
        }
        catch (RuleViolation violation)
        {
            return violation.Message;
        }
    }

    /// <summary>The provider named by setting <paramref name="key"/>; SQLite when it is not set.</summary>
    internal static DatabaseProvider DatabaseProviderSetting(IConfiguration configuration, string key)
    {
        var setting = configuration[key];
        if (string.IsNullOrWhiteSpace(setting)) return DatabaseProvider.Sqlite;
        foreach (var provider in Enum.GetValues<DatabaseProvider>())
            if (string.Equals(provider.ToString(), setting, StringComparison.OrdinalIgnoreCase)) return provider;
        throw new InvalidOperationException($"Setting {key} is \"{setting}\": it must be {string.Join(" or ", Enum.GetNames<DatabaseProvider>())}.");
    }
}
