using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Refunds.Core.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class StatementImports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "StatementImportId",
                table: "payments",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "statement_imports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Format = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    AccountIban = table.Column<string>(type: "character varying(34)", maxLength: 34, nullable: true),
                    StatementReference = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    DeduplicationKey = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    FileSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ImportedBy = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    ImportedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ImportedAt = table.Column<long>(type: "bigint", nullable: false),
                    Lines = table.Column<int>(type: "integer", nullable: false),
                    Matched = table.Column<int>(type: "integer", nullable: false),
                    AlreadyReconciled = table.Column<int>(type: "integer", nullable: false),
                    Ambiguous = table.Column<int>(type: "integer", nullable: false),
                    Unmatched = table.Column<int>(type: "integer", nullable: false),
                    Ignored = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_statement_imports", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "statement_lines",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ImportId = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    StatementReference = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    LineReference = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Amount = table.Column<decimal>(type: "numeric", nullable: false),
                    CurrencyCode = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    BookingDate = table.Column<DateOnly>(type: "date", nullable: true),
                    ValueDate = table.Column<DateOnly>(type: "date", nullable: true),
                    AccountServicerReference = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    EndToEndId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Remittance = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    DebtorName = table.Column<string>(type: "character varying(140)", maxLength: 140, nullable: true),
                    DebtorIban = table.Column<string>(type: "character varying(34)", maxLength: 34, nullable: true),
                    Result = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    PaymentId = table.Column<Guid>(type: "uuid", nullable: true),
                    CandidatePaymentIds = table.Column<string>(type: "character varying(370)", maxLength: 370, nullable: true),
                    MatchedBy = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    MatchedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    MatchedAt = table.Column<long>(type: "bigint", nullable: true),
                    MatchNote = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_statement_lines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_statement_lines_payments_PaymentId",
                        column: x => x.PaymentId,
                        principalTable: "payments",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_statement_lines_statement_imports_ImportId",
                        column: x => x.ImportId,
                        principalTable: "statement_imports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_statement_imports_DeduplicationKey",
                table: "statement_imports",
                column: "DeduplicationKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_statement_imports_ImportedAt",
                table: "statement_imports",
                column: "ImportedAt");

            migrationBuilder.CreateIndex(
                name: "IX_statement_lines_ImportId_Number",
                table: "statement_lines",
                columns: new[] { "ImportId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_statement_lines_ImportId_Result_Number",
                table: "statement_lines",
                columns: new[] { "ImportId", "Result", "Number" });

            migrationBuilder.CreateIndex(
                name: "IX_statement_lines_PaymentId",
                table: "statement_lines",
                column: "PaymentId",
                unique: true,
                filter: "\"Result\" = 'MATCHED'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "statement_lines");

            migrationBuilder.DropTable(
                name: "statement_imports");

            migrationBuilder.DropColumn(
                name: "StatementImportId",
                table: "payments");
        }
    }
}
