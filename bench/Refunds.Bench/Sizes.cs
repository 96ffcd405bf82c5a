namespace Refunds.Bench;

/// <summary>How big and how long each figure runs: the conditions, or seconds-long ones that only prove the harness works.</summary>
public sealed record Sizes(
    int Concurrency,
    TimeSpan CreateDuration,
    int CreatePayments,
    int BatchSize,
    int Payouts,
    int ListRefunds,
    int ListPayments,
    TimeSpan ListDuration,
    int DeepPage,
    int PushEvents,
    int GridCalls,
    int Circuits,
    int StatementLines,
    int StatementPayments,
    long[] OverviewSteps,
    int OverviewPayments,
    int OverviewWarmUpCalls,
    int BankFileRefunds,
    int WebhookEvents)
{
    public static readonly Sizes Full = new(
        Concurrency: 32, CreateDuration: TimeSpan.FromSeconds(20), CreatePayments: 200_000, BatchSize: 1_000,
        Payouts: 10_000, ListRefunds: 1_000_000, ListPayments: 200_000, ListDuration: TimeSpan.FromSeconds(10), DeepPage: 1_000, PushEvents: 200, GridCalls: 20, Circuits: 50,
        StatementLines: 100_000, StatementPayments: 1_000_000,
        OverviewSteps: [1_000_000, 2_000_000, 5_000_000, 10_000_000], OverviewPayments: 1_000_000, OverviewWarmUpCalls: 50,
        BankFileRefunds: 10_000, WebhookEvents: 10_000);

    public static readonly Sizes Quick = new(
        Concurrency: 8, CreateDuration: TimeSpan.FromSeconds(1), CreatePayments: 10_000, BatchSize: 20,
        Payouts: 50, ListRefunds: 20_000, ListPayments: 4_000, ListDuration: TimeSpan.FromSeconds(1), DeepPage: 20, PushEvents: 20, GridCalls: 3, Circuits: 3,
        StatementLines: 2_000, StatementPayments: 20_000,
        OverviewSteps: [10_000, 20_000], OverviewPayments: 10_000, OverviewWarmUpCalls: 3,
        BankFileRefunds: 200, WebhookEvents: 500);
}
