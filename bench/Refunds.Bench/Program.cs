using Refunds.Bench;

// bench/run builds Release and calls this; the quick-mode test calls it on the Debug build.
//   Refunds.Bench [--quick] [--only <figures, e.g. 1,8>] [--out <folder>]
// Results go to bench/results (committed after a full run); quick runs and runs of some figures only
// go to bench/results/quick and bench/results/only (both ignored by git).
var quick = args.Contains("--quick");
var only = args.SkipWhile(a => a != "--only").Skip(1).FirstOrDefault()?.Split(',', StringSplitOptions.TrimEntries);
bool Runs(int figure) => only is null || only.Contains(figure.ToString());
var repository = FindRepository();
var output = args.SkipWhile(a => a != "--out").Skip(1).FirstOrDefault()
    ?? Path.Combine(repository, "bench", "results", quick ? "quick" : only is not null ? "only" : "");
var sizes = quick ? Sizes.Quick : Sizes.Full;
var dashboard = BuildPathAttribute.Of("Dashboard");

var work = Directory.CreateTempSubdirectory("refunds-bench-");
var database = Path.Combine(work.FullName, "refunds.db");
var seeder = new Seeder(database);
var report = new Report(quick);
// Production as deployed (built-in provider, dispatcher, logging), with limits a load test does not trip.
var settings = new Dictionary<string, string>
{
    ["ConnectionStrings:Refunds"] = $"Data Source={database}",
    ["DemoData:Enabled"] = "false",
    ["BuiltInProvider:AllowInProduction"] = "true",
    // A throw-away database: its keys need no encryption at rest (which no request would pay for anyway).
    ["DataProtection:AllowUnencryptedKeysInProduction"] = "true",
    ["BuiltInProvider:AccessTokenLifetime"] = "04:00:00",
    ["RateLimits:ApiPerClientPerMinute"] = "10000000",
    ["RateLimits:TokenPerAddressPerMinute"] = "100000",
    ["RateLimits:SignInPerAddressPerMinute"] = "100000",
    // Figure 6 reads the heap after a forced full GC; the endpoint is not mapped without this.
    ["Diagnostics:MemoryEndpoint"] = "true",
    ["SimulatedBank:SettlementDelay"] = "00:00:00",
    // The large data sets (figures 3, 4, 6 and 9) hold months of refunds still CREATED. The app would
    // expire them all under those figures (200,000 cancellations, each a live notice to every open
    // circuit): its first look for overdue refunds comes one interval after start, so none in a run.
    ["Approvals:ExpiryCheckInterval"] = "1.00:00:00",
    // Figure 11's webhook receiver is on this machine, over plain http.
    ["Webhooks:AllowInsecureUrls"] = "true",
    ["Webhooks:AllowPrivateTargets"] = "true",
};

// Payments by number (Seeder.PaymentId): figure 1 measures on 1.., warms up after them, figures 2 and 5 after that.
long warmUpPayments = sizes.CreatePayments + 1, batchPayments = warmUpPayments + sizes.CreatePayments / 4;
long pushPayments = batchPayments + 10 + sizes.BatchSize;
// Figure 11: its burst, then figure 1's load again (as many payments as figure 1's own run); figure 5 across instances after that.
long webhookPayments = pushPayments + sizes.PushEvents;
long acrossPayments = webhookPayments + sizes.WebhookEvents + sizes.CreatePayments;

try
{
    Console.WriteLine($"Benchmarks ({(quick ? "quick" : "full")}, {BuildPathAttribute.Configuration} build) on {database}");
    // Always runs: it also creates the schema the seeders write into.
    await ColdStart.RunAsync(dashboard, settings, report);

    Console.WriteLine("Seeding payments...");
    seeder.Payments(1, (int)(acrossPayments + sizes.PushEvents));
    WrkResult? product;
    await using (var app = await AppProcess.StartAsync(dashboard, settings, "Production"))
    {
        using var maker = await RefundsApi.SignInAsync(app.BaseAddress, "integration-maker", TimeSpan.FromMinutes(2));
        using var checker = await RefundsApi.SignInAsync(app.BaseAddress, "integration-checker", TimeSpan.FromMinutes(2));
        // Figure 11 compares with figure 1, so runs it too.
        product = Runs(1) || Runs(11) ? await CreateThroughput.ProductAsync(app, maker, sizes, 1, warmUpPayments, report, CreateDatabase.Sqlite) : null;
        if (Runs(2)) await Batch.RunAsync(maker, checker, sizes, batchPayments, report);
        if (Runs(5)) await LivePush.RunAsync(app, maker, sizes, pushPayments, report);
        if (Runs(11)) await WebhookDelivery.RunAsync(app, database, maker, sizes, webhookPayments, product!, report);
        await WaitForIdleDispatcherAsync(seeder);
    }
    // Two instances of their own on the same file, with a Redis between them.
    if (Runs(5)) await LivePush.RunAcrossInstancesAsync(dashboard, settings, sizes, acrossPayments, report);
    if (product is not null)
        await CreateThroughput.BaselineAsync(BuildPathAttribute.Of("Baseline"),
            new Dictionary<string, string> { ["ConnectionStrings:Baseline"] = $"Data Source={Path.Combine(work.FullName, "baseline.db")}" },
            sizes, product, report, CreateDatabase.Sqlite);
    // Figure 1 again on PostgreSQL, on the same numbers of payments, on a server of its own stopped before the next figures.
    if (Runs(1))
        await CreateThroughputOnPostgreSql.RunAsync(dashboard, BuildPathAttribute.Of("Baseline"), settings, sizes, warmUpPayments, (int)(batchPayments - 1), report);
    // Its own database file and app process, stopped before the large data set is seeded: its million
    // payments and its import's writes touch no other figure's file.
    if (Runs(8)) await StatementMatching.RunAsync(dashboard, settings, work, sizes, report);
    // The same, on the bank-file rail.
    if (Runs(10)) await BankFileRail.RunAsync(dashboard, settings, work, sizes, report);
    // Its own file too: ten million refunds and their daily figures, deleted before the next figures.
    if (Runs(9)) await OverviewAtScale.RunAsync(dashboard, settings, work, sizes, report);

    if (!Runs(4) && !Runs(3) && !Runs(6))
    {
        report.Write(output, repository);
        Console.WriteLine($"Wrote {Path.Combine(output, "latest.md")} and latest.json");
        return;
    }
    Console.WriteLine($"Seeding {sizes.ListRefunds:N0} refunds over {sizes.ListPayments:N0} payments...");
    var seeding = System.Diagnostics.Stopwatch.StartNew();
    seeder.RefundsAtScale(sizes.ListRefunds, sizes.ListPayments);
    Console.WriteLine($"Seeded in {seeding.Elapsed.TotalSeconds:0.#} s");
    await using (var app = await AppProcess.StartAsync(dashboard, settings, "Production"))
    {
        using var maker = await RefundsApi.SignInAsync(app.BaseAddress, "integration-maker", TimeSpan.FromMinutes(2));
        if (Runs(4))
        {
            await Lists.RunAsync(app, maker, seeder, sizes, report);
            await DashboardGrids.RunAsync(database, seeder, sizes, report);
        }
        if (Runs(3)) await MassPayout.RunAsync(seeder, sizes, report);
        // Last: its browser's many processes would load the machine under every later figure.
        if (Runs(6)) await CircuitMemory.RunAsync(app, sizes, report);
    }

    report.Write(output, repository);
    Console.WriteLine($"Wrote {Path.Combine(output, "latest.md")} and latest.json");
}
finally
{
    work.Delete(recursive: true);
}

// Figure 2's approved refunds must be paid out before the next figures, which time an idle app.
static async Task WaitForIdleDispatcherAsync(Seeder seeder)
{
    var deadline = DateTime.UtcNow.AddMinutes(2);
    while (seeder.Scalar("SELECT count(*) FROM refunds WHERE Status IN ('APPROVED', 'PENDING_WITH_BANK')") > 0)
    {
        if (DateTime.UtcNow > deadline) throw new TimeoutException("The dispatcher did not pay out figure 2's refunds within 2 minutes.");
        await Task.Delay(200);
    }
}

static string FindRepository()
{
    for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        if (File.Exists(Path.Combine(folder.FullName, "Refunds.sln"))) return folder.FullName;
    throw new InvalidOperationException("Run the driver from its build output inside the repository.");
}
