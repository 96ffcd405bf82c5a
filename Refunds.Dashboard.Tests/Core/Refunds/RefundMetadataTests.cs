using Refunds.Core.Persistence;
using Refunds.Core;
using Refunds.Core.Refunds;
using Refunds.Dashboard.Tests.Support;
using static Refunds.Dashboard.Tests.Support.EngineHarness;

namespace Refunds.Dashboard.Tests.Core.Refunds;

public abstract class RefundMetadataTests : EngineTest
{
    [Fact]
    public async Task Metadata_is_stored_on_the_refund_as_it_was_sent()
    {
        var payment = await Engine.PaymentAsync(100m);
        const string metadata = """{"orderId": "ORD-9", "lines": [1, 2], "note": "café"}""";

        var refund = (await Engine.Refunds.CreateAsync(Maker, [new RefundRequest(payment.Id, 10m, null, "CUSTOMER_REQUEST", Metadata: metadata)]))[0];

        Assert.Equal(metadata, (await Engine.RefundByIdAsync(refund.Id)).Metadata);
    }

    [Theory]
    [InlineData("[1, 2]")]
    [InlineData("\"text\"")]
    [InlineData("{not json")]
    public async Task Metadata_that_is_not_a_JSON_object_fails_with_INVALID_REQUEST(string metadata)
    {
        var payment = await Engine.PaymentAsync(100m);

        var code = await Refused.CodeOf(() => Engine.Refunds.CreateAsync(Maker, [new RefundRequest(payment.Id, 10m, null, "CUSTOMER_REQUEST", Metadata: metadata)]));

        Assert.Equal(ErrorCode.InvalidRequest, code);
    }

    [Fact]
    public async Task Metadata_larger_than_4_KB_fails_with_INVALID_REQUEST()
    {
        var payment = await Engine.PaymentAsync(100m);
        var metadata = $$"""{"blob": "{{new string('x', InputLimits.MetadataBytes)}}"}""";

        var code = await Refused.CodeOf(() => Engine.Refunds.CreateAsync(Maker, [new RefundRequest(payment.Id, 10m, null, "CUSTOMER_REQUEST", Metadata: metadata)]));

        Assert.Equal(ErrorCode.InvalidRequest, code);
    }

    public sealed class OnSqlite : RefundMetadataTests;

    public sealed class OnPostgreSql : RefundMetadataTests
    {
        protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
    }
}
