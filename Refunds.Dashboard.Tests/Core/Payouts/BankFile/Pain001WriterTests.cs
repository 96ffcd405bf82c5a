using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Refunds.Core.Payments;
using Refunds.Core.Payouts.BankFile;
using Refunds.Dashboard.Tests.Support;

namespace Refunds.Dashboard.Tests.Core.Payouts.BankFile;

public class Pain001WriterTests
{
    private static readonly DebtorAccount Debtor = new("Refunds Trading LLC", "AE18 0260 0010 1234 5678 901", "EBILAEAD");
    private static readonly DateOnly Today = new(2026, 12, 1);

    private static readonly CreditTransfer[] Transfers =
    [
        Transfer(1234.50m, "AED", Today),
        Transfer(20m, "AED", Today),
        Transfer(12.345m, "KWD", Today),
        Transfer(99.99m, "AED", Today.AddDays(1)),
        Transfer(1500m, "JPY", Today),
    ];

    [Theory]
    [InlineData(Pain001Version.V03)]
    [InlineData(Pain001Version.V09)]
    public void A_file_of_several_currencies_and_days_validates_against_its_schema(Pain001Version version)
    {
        var xml = Write(version, Transfers);

        Assert.Empty(Iso20022Schema.ErrorsOf(new MemoryStream(Encoding.UTF8.GetBytes(xml)), Pain001Writer.MessageName(version)));
    }

    [Theory]
    [InlineData(Pain001Version.V03)]
    [InlineData(Pain001Version.V09)]
    public void Refunds_are_grouped_per_currency_and_execution_day_with_counts_and_control_sums_at_both_levels(Pain001Version version)
    {
        var document = XDocument.Parse(Write(version, Transfers));
        XNamespace ns = $"urn:iso:std:iso:20022:tech:xsd:{Pain001Writer.MessageName(version)}";
        var header = document.Descendants(ns + "GrpHdr").Single();
        var blocks = document.Descendants(ns + "PmtInf").ToList();

        Assert.Equal(("RF-20261201-0001", "5", "2866.835"), (header.Element(ns + "MsgId")!.Value, header.Element(ns + "NbOfTxs")!.Value, header.Element(ns + "CtrlSum")!.Value));
        Assert.Equal(
            [("RF-20261201-0001-1", "AED", "2", "1254.5"), ("RF-20261201-0001-2", "JPY", "1", "1500"), ("RF-20261201-0001-3", "KWD", "1", "12.345"), ("RF-20261201-0001-4", "AED", "1", "99.99")],
            blocks.Select(b => (b.Element(ns + "PmtInfId")!.Value, b.Descendants(ns + "InstdAmt").Select(a => a.Attribute("Ccy")!.Value).Distinct().Single(),
                b.Element(ns + "NbOfTxs")!.Value, b.Element(ns + "CtrlSum")!.Value)));
        Assert.Equal(["1234.50", "20.00", "1500", "12.345", "99.99"], document.Descendants(ns + "InstdAmt").Select(a => a.Value));
        Assert.All(blocks, b => Assert.Equal("AE180260001012345678901", b.Element(ns + "DbtrAcct")!.Value));
    }

    [Fact]
    public void Each_refund_travels_under_an_end_to_end_id_that_reads_back_to_it()
    {
        var document = XDocument.Parse(Write(Pain001Version.V09, Transfers));

        var ids = document.Descendants().Where(e => e.Name.LocalName == "EndToEndId").Select(e => e.Value).ToList();

        Assert.All(ids, id => Assert.InRange(id.Length, 1, 35));
        Assert.Equal(Transfers.Select(t => t.RefundId).Order(), ids.Select(id => RefundEndToEndId.TryRead(id, out var refund) ? refund : Guid.Empty).Order());
        Assert.False(RefundEndToEndId.TryRead("NOTPROVIDED", out _));
    }

    [Theory]
    [InlineData(Pain001Version.V03, "BIC")]
    [InlineData(Pain001Version.V09, "BICFI")]
    public void The_debtors_bank_is_named_by_its_bic_in_the_versions_element_or_as_not_provided(Pain001Version version, string element)
    {
        var withBic = XDocument.Parse(Write(version, Transfers));
        var withoutBic = Write(version, Transfers, Debtor with { Bic = null });

        Assert.Equal(Enumerable.Repeat("EBILAEAD", 4), withBic.Descendants().Where(e => e.Name.LocalName == element).Select(e => e.Value));
        Assert.Contains("<Othr><Id>NOTPROVIDED</Id></Othr>", withoutBic);
        Assert.Empty(Iso20022Schema.ErrorsOf(new MemoryStream(Encoding.UTF8.GetBytes(withoutBic)), Pain001Writer.MessageName(version)));
    }

    private static CreditTransfer Transfer(decimal amount, string currency, DateOnly day) =>
        new(Guid.CreateVersion7(), Money.FromMajor(amount, Currency.Of(currency)), "Ahmed Haddad", "AE070331234567890123456",
            $"Refund of ORD-{amount.ToString(CultureInfo.InvariantCulture)}", day);

    private static string Write(Pain001Version version, IReadOnlyList<CreditTransfer> transfers, DebtorAccount? debtor = null)
    {
        var file = new MemoryStream();
        using (var xml = XmlWriter.Create(file, new XmlWriterSettings { Encoding = new UTF8Encoding(false) }))
            Pain001Writer.Write(xml, version, "RF-20261201-0001", new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero), debtor ?? Debtor, transfers);
        return Encoding.UTF8.GetString(file.ToArray());
    }
}
