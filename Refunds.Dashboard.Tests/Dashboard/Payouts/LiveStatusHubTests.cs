using System.Net;
using System.Net.Http.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Refunds.Dashboard.Payouts;
using Refunds.Dashboard.Tests.Support;
using static Refunds.Dashboard.Tests.Support.ApiFactory;

namespace Refunds.Dashboard.Tests.Dashboard.Payouts;

public class LiveStatusHubTests(ApiFactory.Paying api) : IClassFixture<ApiFactory.Paying>
{
    private async Task<HubConnection> ConnectAsync(string token)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(api.Server.BaseAddress, RefundsHub.Path), o =>
            {
                o.HttpMessageHandlerFactory = _ => api.Server.CreateHandler();
                o.Transports = HttpTransportType.LongPolling;
                o.AccessTokenProvider = () => Task.FromResult<string?>(token);
            })
            .AddJsonProtocol(o => o.PayloadSerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower)
            .Build();
        await connection.StartAsync();
        return connection;
    }

    [Fact]
    public async Task A_hub_client_with_a_bearer_token_receives_the_status_sequence_of_a_refund_it_approved()
    {
        var refund = await api.RefundAsync(await api.PaymentAsync());
        var events = Channel.CreateUnbounded<RefundStatusChangedMessage>();
        await using var connection = await ConnectAsync(await api.TokenAsync("integration-checker"));
        connection.On<RefundStatusChangedMessage>(RefundsHub.StatusChanged, message => events.Writer.TryWrite(message));

        await (await api.Checker()).PutAsJsonAsync("/payouts/refunds", new[] { new { refund_id = refund, status = "APPROVED" } });

        var sequence = new List<string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!sequence.Contains("ACCEPTED_BY_BANK"))
        {
            var message = await events.Reader.ReadAsync(timeout.Token);
            if (message.RefundId == refund) sequence.Add(message.Status);
        }
        Assert.Equal(["APPROVED", "PENDING_WITH_BANK", "ACCEPTED_BY_BANK"], sequence);
    }

    [Fact]
    public async Task The_hub_refuses_a_client_without_a_token()
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(api.Server.BaseAddress, RefundsHub.Path), o =>
            {
                o.HttpMessageHandlerFactory = _ => api.Server.CreateHandler();
                o.Transports = HttpTransportType.LongPolling;
            })
            .Build();

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => connection.StartAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
    }

    [Fact]
    public async Task The_simulated_banks_ledger_shows_each_refund_once_to_reviewers_only()
    {
        var refund = await api.RefundAsync(await api.PaymentAsync());
        await (await api.Checker()).PutAsJsonAsync("/payouts/refunds", new[] { new { refund_id = refund, status = "APPROVED" } });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        string? outcome = null;
        while (outcome is not "PAID")
        {
            await Task.Delay(100, timeout.Token);
            var ledger = await Json(await (await api.Checker()).GetAsync("/simulated-bank/payouts"));
            outcome = ledger.AsArray().SingleOrDefault(l => l!["reference"]!.GetValue<string>() == refund.ToString())?["outcome"]?.GetValue<string>();
        }

        await AssertError(await (await api.Maker()).GetAsync("/simulated-bank/payouts"), HttpStatusCode.Forbidden, "OPERATION_NOT_ALLOWED");
        var line = (await Json(await (await api.Checker()).GetAsync("/simulated-bank/payouts"))).AsArray().Single(l => l!["reference"]!.GetValue<string>() == refund.ToString())!;
        Assert.Equal(1, line["received_count"]!.GetValue<int>());
    }
}
