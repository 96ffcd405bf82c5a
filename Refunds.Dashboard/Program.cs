using Refunds.Dashboard.Cluster;
using Refunds.Dashboard.Endpoints;
using Refunds.Dashboard.Hosting;
using Refunds.Dashboard.Identity;
using Refunds.Dashboard.Payouts;
using Refunds.Dashboard.Webhooks;

if (args is [DatabaseCopyCommand.Verb, .. var options]) return await DatabaseCopyCommand.RunAsync(options);

var builder = WebApplication.CreateBuilder(args);
builder.AddRefundsObservability();
builder.AddRefundsEngine();
builder.AddRefundsIdentity();
builder.AddRefundsApi();
builder.AddRefundsPayouts();
builder.AddRefundsWebhooks();
builder.AddRefundsCluster();
builder.AddRefundsDashboard();
builder.AddRefundsRateLimits();

var app = builder.Build();
app.MapRefundsDashboard();
await app.RunAsync();
return 0;

/// <summary>The entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
