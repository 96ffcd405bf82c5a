using Refunds.Core.Payouts.SimulatedBank;
using Refunds.Dashboard.Endpoints;

namespace Refunds.Dashboard.Payouts;

/// <summary><c>GET /simulated-bank/payouts</c>: the simulated bank's ledger, to check that every refund was paid once.</summary>
public static class SimulatedBankEndpoints
{
    public sealed record LedgerLineJson(string Reference, string BankReference, decimal Amount, string Currency, string BeneficiaryIban,
        int ReceivedCount, string Outcome, string? FailureReason, DateTimeOffset ReceivedAt, DateTimeOffset? SettledAt);

    public static IEndpointRouteBuilder MapSimulatedBankEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/simulated-bank").WithTags("Simulated bank").AsApiSurface()
            .MapGet("/payouts", async (SimulatedBankRail bank, int? limit, CancellationToken cancellationToken) =>
            {
                var ledger = await bank.LedgerAsync(Math.Clamp(limit ?? 1000, 1, 100_000), cancellationToken);
                return TypedResults.Ok(ledger.Select(p => new LedgerLineJson(p.Reference, p.BankReference,
                    new Core.Payments.Money(p.AmountMinor, Core.Payments.Currency.Of(p.Currency)).Major, p.Currency, p.BeneficiaryIban,
                    p.ReceivedCount, Core.WireName.Of(p.State), p.FailureReason, p.ReceivedAt, p.SettledAt)).ToList());
            })
            .RequireAuthorization(PayoutHosting.LedgerPolicy)
            .WithName("listSimulatedBankPayouts").WithSummary("The simulated bank's ledger (reviewers only)");
        return app;
    }
}
