using Refunds.Dashboard.Cluster;
using Refunds.Dashboard.Endpoints;
using Refunds.Dashboard.Hosting;
using Refunds.Dashboard.Identity;
using Refunds.Dashboard.Payouts;

var builder = WebApplication.CreateBuilder(args);
builder.AddRefundsObservability();
builder.AddRefundsEngine();
builder.AddRefundsIdentity();
builder.AddRefundsApi();
builder.AddRefundsPayouts();
builder.AddRefundsCluster();
builder.AddRefundsDashboard();
builder.AddRefundsRateLimits();

var app = builder.Build();
app.MapRefundsDashboard();
app.Run();

/// <summary>The entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
