using Microsoft.Extensions.DependencyInjection;
using Refunds.Core.Payouts;
using Refunds.Core.Payouts.BankFile;

namespace Refunds.Dashboard.Tests.Support;

/// <summary>The bank-file rail's settings for tests: a debtor account, and the format asked for.</summary>
public static class BankFileRail
{
    public const string DebtorIban = "AE180260001012345678901";

    public static Action<IServiceCollection> Use(string format = "pain.001.001.09") => services =>
    {
        services.Configure<PayoutOptions>(o => o.Rail = PayoutRail.BankFile);
        services.Configure<BankFileOptions>(o =>
        {
            o.Format = format;
            o.Debtor.Name = "Refunds Trading LLC";
            o.Debtor.Iban = DebtorIban;
            o.Debtor.Bic = "EBILAEAD";
        });
    };
}
