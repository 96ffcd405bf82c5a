using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using Refunds.Core.Statements;
using Refunds.Dashboard.Components.Pages.Statements;
using Refunds.Dashboard.Tests.Support;

namespace Refunds.Dashboard.Tests.Components.Statements;

public class StatementUploadTests : DashboardTestContext
{
    private StatementImporter.Outcome? _imported;

    private IRenderedComponent<StatementUpload> RenderUpload() =>
        Render<StatementUpload>(p => p.Add(x => x.OnImported, (StatementImporter.Outcome outcome) => _imported = outcome));

    private static void Upload(IRenderedComponent<StatementUpload> upload, string text, string fileName, string contentType) =>
        upload.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(text, fileName, contentType: contentType));

    private async Task<int> ImportCountAsync()
    {
        await using var db = await Engine.NewContextAsync();
        return await db.StatementImports.CountAsync();
    }

    [Fact]
    public async Task A_picked_csv_file_is_imported_and_its_outcome_reported()
    {
        var scene = await StatementScene.RecordAsync(Engine);
        SignInAsInitiator();
        var upload = RenderUpload();

        Upload(upload, scene.Csv, "november.csv", "text/csv");

        upload.WaitForAssertion(() => Assert.NotNull(_imported));
        Assert.True(_imported!.Created);
        Assert.Equal((4, 1, 1, 1, 1), (_imported.Import.Lines, _imported.Import.Matched, _imported.Import.Ambiguous, _imported.Import.Unmatched, _imported.Import.Ignored));
        Assert.True((await Engine.PaymentByIdAsync(scene.Matched.Id)).IsReconciled);
        Assert.Empty(upload.FindAll("[data-testid=statement-upload-error]"));
    }

    [Fact]
    public async Task A_file_named_neither_xml_nor_csv_is_refused_before_it_is_read()
    {
        var scene = await StatementScene.RecordAsync(Engine);
        SignInAsInitiator();
        var upload = RenderUpload();

        Upload(upload, scene.Csv, "november.pdf", "application/pdf");

        upload.WaitForAssertion(() => Assert.Contains("november.pdf is not a statement file we read",
            upload.Find("[data-testid=statement-upload-error]").TextContent));
        Assert.Null(_imported);
        Assert.Equal(0, await ImportCountAsync());
    }

    [Fact]
    public async Task A_file_the_engine_cannot_read_is_refused_in_its_words()
    {
        SignInAsInitiator();
        var upload = RenderUpload();

        Upload(upload, StatementScene.CsvOf("2026-11-31,1.00,AED,,,,"), "broken.csv", "text/csv");

        upload.WaitForAssertion(() => Assert.Contains("broken.csv was not imported: ", upload.Find("[data-testid=statement-upload-error]").TextContent));
        Assert.Contains("CSV line 2", upload.Find("[data-testid=statement-upload-error]").TextContent);
        Assert.Null(_imported);
        Assert.Equal(0, await ImportCountAsync());
    }

    [Theory]
    [InlineData("statement.XML", "", StatementFileType.Xml)]
    [InlineData("statement.csv", "application/octet-stream", StatementFileType.Csv)]
    [InlineData("statement", "text/xml", StatementFileType.Xml)]
    [InlineData("statement", "text/csv", StatementFileType.Csv)]
    [InlineData("statement.txt", "text/plain", null)]
    public void A_file_is_read_as_its_extension_says_else_as_its_content_type(string fileName, string contentType, StatementFileType? expected) =>
        Assert.Equal(expected, StatementUpload.TypeOf(fileName, contentType));

    [Fact]
    public async Task The_progress_stream_reports_the_bytes_read_so_far()
    {
        var reported = new List<long>();
        await using var stream = new ReadProgressStream(new MemoryStream(new byte[10]), reported.Add);
        var buffer = new byte[4];

        while (await stream.ReadAsync(buffer) > 0) { }

        Assert.Equal([4L, 8L, 10L, 10L], reported);
    }
}
