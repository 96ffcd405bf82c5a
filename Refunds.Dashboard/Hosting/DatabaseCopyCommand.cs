using Microsoft.EntityFrameworkCore;
using Refunds.Core.Persistence;

namespace Refunds.Dashboard.Hosting;

/// <summary>
/// <c>copy-database</c>: copies the configured database (<c>Database:Provider</c>,
/// <c>ConnectionStrings:Refunds</c>, read from the same settings as the app) into an empty one named by
/// <c>--CopyTo:Provider</c> and <c>--CopyTo:ConnectionString</c>. Run it with the app stopped.
/// </summary>
internal static class DatabaseCopyCommand
{
    public const string Verb = "copy-database";

    public static async Task<int> RunAsync(string[] args)
    {
        var settings = WebApplication.CreateBuilder(args);
        try
        {
            var from = Database(settings, "Database:Provider", settings.Configuration.GetConnectionString("Refunds"), "ConnectionStrings:Refunds", readOnly: true);
            var to = Database(settings, "CopyTo:Provider", settings.Configuration["CopyTo:ConnectionString"], "CopyTo:ConnectionString");
            await using var source = from.Services;
            await using var target = to.Services;
            Console.WriteLine($"Copying the {from.Provider} database into the {to.Provider} database...");
            var copied = await DatabaseCopy.CopyAsync(source.GetRequiredService<IDbContextFactory<RefundsDbContext>>(),
                target.GetRequiredService<IDbContextFactory<RefundsDbContext>>());
            foreach (var (table, rows) in copied) Console.WriteLine($"  {table}: {rows} rows");
            Console.WriteLine($"Done. Point Database:Provider and ConnectionStrings:Refunds at the {to.Provider} database and start the app.");
            return 0;
        }
        catch (Exception ex) when (ex is InvalidOperationException or DbUpdateException or System.Data.Common.DbException)
        {
            Console.Error.WriteLine($"The copy failed and the target was left unchanged: {ex.Message}");
            return 1;
        }
    }

    private static (DatabaseProvider Provider, ServiceProvider Services) Database(WebApplicationBuilder settings, string providerKey, string? connectionString,
        string connectionKey, bool readOnly = false)
    {
        if (string.IsNullOrWhiteSpace(connectionString)) throw new InvalidOperationException($"Setting {connectionKey} is missing.");
        var provider = EngineHosting.DatabaseProviderSetting(settings.Configuration, providerKey);
        // The source is only read: a SQLite file is opened read-only, so a wrong path fails instead of creating an empty file.
        if (readOnly && provider == DatabaseProvider.Sqlite)
            connectionString = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString) { Mode = Microsoft.Data.Sqlite.SqliteOpenMode.ReadOnly }.ToString();
        var services = new ServiceCollection().AddRefundsDatabase(provider, connectionString, settings.Environment.ContentRootPath).BuildServiceProvider();
        return (provider, services);
    }
}
