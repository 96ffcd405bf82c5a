using Refunds.Dashboard.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddRefundsEngine();

var app = builder.Build();
app.MapHealthChecks("/health");
app.Run();

/// <summary>The entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
