using System.Net;
using System.Net.Http.Json;
using System.Text;
using Refunds.Dashboard.Tests.Core.Statements;
using Refunds.Dashboard.Tests.Support;
using static Refunds.Dashboard.Tests.Support.ApiFactory;

namespace Refunds.Dashboard.Tests.Dashboard.Endpoints;

public class StatementApiTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string Header = "booking_date,amount,currency,reference,end_to_end_id,debtor_name,debtor_iban";

    [Fact]
    public async Task A_csv_statement_is_imported_with_201_and_its_counts_and_again_with_200_and_the_same_import()
    {
        var (payment, reference) = await UnreconciledAsync(80.00m);
        var maker = await api.Maker();
        var csv = Csv($"2026-11-30,80.00,AED,Invoice {reference},,,", $"2026-11-30,1.23,AED,{Guid.NewGuid():N},,,", "2026-11-30,-4.00,AED,fee,,,");

        var first = await maker.PostAsync("/statements", csv);
        var again = await maker.PostAsync("/statements", Csv($"2026-11-30,80.00,AED,Invoice {reference},,,", "2026-11-30,-4.00,AED,fee,,,"));
        var repeated = await maker.PostAsync("/statements", Csv($"2026-11-30,80.00,AED,Invoice {reference},,,", "2026-11-30,-4.00,AED,fee,,,"));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var import = await Json(first);
        Assert.Equal(("csv", 3, 1, 1, 1, false), (import["format"]!.GetValue<string>(), import["lines"]!.GetValue<int>(), import["matched"]!.GetValue<int>(),
            import["unmatched"]!.GetValue<int>(), import["ignored"]!.GetValue<int>(), import["already_imported"]!.GetValue<bool>()));
        Assert.Equal($"/statements/{import["statement_id"]}", first.Headers.Location!.ToString());
        // Another file (fewer lines) is another import, whose line finds the payment reconciled; the same file again is that import.
        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.OK), (again.StatusCode, repeated.StatusCode));
        var (second, repeat) = (await Json(again), await Json(repeated));
        Assert.Equal((1, 1), (second["already_reconciled"]!.GetValue<int>(), second["ignored"]!.GetValue<int>()));
        Assert.Equal((second["statement_id"]!.ToString(), true, 1), (repeat["statement_id"]!.ToString(), repeat["already_imported"]!.GetValue<bool>(), repeat["already_reconciled"]!.GetValue<int>()));

        var reconciled = await Json(await maker.GetAsync($"/payments/{payment}"));
        Assert.Equal(import["statement_id"]!.ToString(), reconciled["payment"]!["statement_id"]!.ToString());
        Assert.Equal($"{import["statement_reference"]}/1", reconciled["payment"]!["reconciliation_reference"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_camt_053_file_is_imported_and_its_lines_read_by_result()
    {
        var maker = await api.Maker();
        await using var sample = StatementSamples.Open("camt.053.001.08");
        var content = new StreamContent(sample);
        content.Headers.ContentType = new("application/xml");

        var import = await Json(await maker.PostAsync("/statements", content));
        var ignored = await Json(await maker.GetAsync($"/statements/{import["statement_id"]}/lines?result=IGNORED"));
        var all = await Json(await maker.GetAsync($"/statements/{import["statement_id"]}/lines?size=4&page=1"));

        Assert.Equal(("camt.053.001.08", "AE070331234567890123456", "STMT-20261130-053", 6),
            (import["format"]!.GetValue<string>(), import["account_iban"]!.GetValue<string>(), import["statement_reference"]!.GetValue<string>(), import["lines"]!.GetValue<int>()));
        Assert.Equal([4, 5], ignored["content"]!.AsArray().Select(l => l!["number"]!.GetValue<int>()));
        Assert.Equal("Not a booked credit: a debit.", ignored["content"]![0]!["reason"]!.GetValue<string>());
        Assert.Equal((6, 2), (all["page"]!["total_elements"]!.GetValue<int>(), all["content"]!.AsArray().Count));
        Assert.Equal(HttpStatusCode.OK, (await maker.GetAsync($"/statements/{import["statement_id"]}")).StatusCode);
        Assert.Contains((await Json(await maker.GetAsync("/statements?size=500")))["content"]!.AsArray(),
            s => s!["statement_id"]!.ToString() == import["statement_id"]!.ToString());
    }

    [Fact]
    public async Task An_ambiguous_line_lists_its_candidates_and_matching_it_by_hand_reconciles_the_one_picked()
    {
        var reference = $"DUP-{Guid.NewGuid():N}"[..20];
        var first = await PaymentWithReferenceAsync(55.00m, reference);
        var second = await PaymentWithReferenceAsync(55.00m, reference);
        var maker = await api.Maker();
        var import = await Json(await maker.PostAsync("/statements", Csv($"2026-11-30,55.00,AED,{reference},,,")));

        var lines = await Json(await maker.GetAsync($"/statements/{import["statement_id"]}/lines?result=AMBIGUOUS"));
        var line = lines["content"]![0]!;
        Assert.Equal(new[] { first, second }.Order(), line["candidates"]!.AsArray().Select(c => Guid.Parse(c!["payment_id"]!.ToString())).Order());

        var matched = await maker.PostAsJsonAsync($"/statements/{import["statement_id"]}/lines/{line["line_id"]}/match", new { payment_id = second, note = "customer confirmed" });

        Assert.Equal(HttpStatusCode.OK, matched.StatusCode);
        var body = await Json(matched);
        Assert.Equal(("MATCHED", second.ToString(), "integration-maker", "customer confirmed"),
            (body["result"]!.GetValue<string>(), body["payment_id"]!.ToString(), body["matched_by"]!.GetValue<string>(), body["match_note"]!.GetValue<string>()));
        Assert.True((await Json(await maker.GetAsync($"/payments/{second}")))["payment"]!["reconciled"]!.GetValue<bool>());
        Assert.False((await Json(await maker.GetAsync($"/payments/{first}")))["payment"]!["reconciled"]!.GetValue<bool>());
        await AssertError(await maker.PostAsJsonAsync($"/statements/{import["statement_id"]}/lines/{line["line_id"]}/match", new { payment_id = first }),
            HttpStatusCode.Conflict, "INVALID_STATUS_TRANSITION");
    }

    [Theory]
    [InlineData("application/xml", "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.08\"><BkToCstmrStmt><Stmt>", "not well-formed XML at line 1")]
    [InlineData("application/xml", "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><Document>&e;</Document>", "DTD")]
    [InlineData("application/xml", "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pain.001.001.09\"><CstmrCdtTrfInitn/></Document>", "pain.001.001.09")]
    [InlineData("text/csv", "date,amount,currency\n2026-11-30,1.00,AED\n", "The CSV header lacks booking_date")]
    public async Task A_file_that_is_not_a_statement_is_refused_with_400_naming_what_is_wrong_and_nothing_is_written(string contentType, string file, string saying)
    {
        var maker = await api.Maker();
        var before = (await Json(await maker.GetAsync("/statements?size=1")))["page"]!["total_elements"]!.GetValue<int>();

        var refused = await AssertError(await maker.PostAsync("/statements", Raw(file, contentType)), HttpStatusCode.BadRequest, "INVALID_BANK_FILE");

        Assert.Contains(saying, refused["message"]!.GetValue<string>());
        Assert.Equal(before, (await Json(await maker.GetAsync("/statements?size=1")))["page"]!["total_elements"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_statement_of_another_media_type_is_415()
    {
        await AssertError(await (await api.Maker()).PostAsync("/statements", Raw("{}")), HttpStatusCode.UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE");
    }

    [Fact]
    public async Task A_60_mb_statement_is_413_before_it_is_read()
    {
        var content = new ByteArrayContent(new byte[60 * 1024 * 1024]);
        content.Headers.ContentType = new("text/csv");

        await AssertError(await (await api.Maker()).PostAsync("/statements", content), HttpStatusCode.RequestEntityTooLarge, "PAYLOAD_TOO_LARGE");
    }

    [Fact]
    public async Task Statements_need_payments_read_to_see_and_payments_write_to_import_or_match()
    {
        var checker = await api.Checker();

        Assert.Equal(HttpStatusCode.Forbidden, (await checker.GetAsync("/statements")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await checker.PostAsync("/statements", Csv("2026-11-30,1.00,AED,,,,"))).StatusCode);
        await AssertError(await (await api.Maker()).GetAsync($"/statements/{Guid.NewGuid()}"), HttpStatusCode.NotFound, "STATEMENT_NOT_FOUND");
        await AssertError(await (await api.Maker()).GetAsync($"/statements/{Guid.NewGuid()}/lines"), HttpStatusCode.NotFound, "STATEMENT_NOT_FOUND");
    }

    private async Task<(Guid Id, string Reference)> UnreconciledAsync(decimal amount)
    {
        var reference = $"ORD-{Guid.NewGuid():N}"[..16];
        return (await PaymentWithReferenceAsync(amount, reference), reference);
    }

    private async Task<Guid> PaymentWithReferenceAsync(decimal amount, string reference)
    {
        var id = Guid.NewGuid();
        var ingest = await (await api.Maker()).PostAsJsonAsync("/payments", new
        {
            payment_id = id, amount, currency = "AED", merchant_reference = reference,
            payer = new { name = "Ahmed Haddad", iban = EngineHarness.ValidIban },
        });
        Assert.Equal(HttpStatusCode.Created, ingest.StatusCode);
        return id;
    }

    private static StringContent Csv(params string[] records) => Raw(Header + "\n" + string.Join("\n", records) + "\n", "text/csv");
}
