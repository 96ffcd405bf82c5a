using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Refunds.Core.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class PayoutFiles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "payout_files",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MessageId = table.Column<string>(type: "character varying(35)", maxLength: 35, nullable: false),
                    Format = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    CreatedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false),
                    State = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    SentBy = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    SentByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    SentAt = table.Column<long>(type: "bigint", nullable: true),
                    VoidedBy = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    VoidedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    VoidedAt = table.Column<long>(type: "bigint", nullable: true),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    TransactionCount = table.Column<int>(type: "integer", nullable: false),
                    SettledCount = table.Column<int>(type: "integer", nullable: false),
                    RejectedCount = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_payout_files", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "payout_status_reports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Format = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    MessageId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    OriginalMessageId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ReceivedBy = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    ReceivedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ReceivedAt = table.Column<long>(type: "bigint", nullable: false),
                    Accepted = table.Column<int>(type: "integer", nullable: false),
                    Rejected = table.Column<int>(type: "integer", nullable: false),
                    Pending = table.Column<int>(type: "integer", nullable: false),
                    UnknownEndToEndIds = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_payout_status_reports", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "payout_file_contents",
                columns: table => new
                {
                    FileId = table.Column<Guid>(type: "uuid", nullable: false),
                    Xml = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_payout_file_contents", x => x.FileId);
                    table.ForeignKey(
                        name: "FK_payout_file_contents_payout_files_FileId",
                        column: x => x.FileId,
                        principalTable: "payout_files",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "payout_file_items",
                columns: table => new
                {
                    FileId = table.Column<Guid>(type: "uuid", nullable: false),
                    RefundId = table.Column<Guid>(type: "uuid", nullable: false),
                    LiveRefundId = table.Column<Guid>(type: "uuid", nullable: true),
                    PaymentBlockId = table.Column<string>(type: "character varying(35)", maxLength: 35, nullable: false),
                    AmountMinor = table.Column<long>(type: "bigint", nullable: false),
                    CurrencyCode = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    Outcome = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_payout_file_items", x => new { x.FileId, x.RefundId });
                    table.ForeignKey(
                        name: "FK_payout_file_items_payout_files_FileId",
                        column: x => x.FileId,
                        principalTable: "payout_files",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_payout_file_items_refunds_RefundId",
                        column: x => x.RefundId,
                        principalTable: "refunds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_payout_file_items_LiveRefundId",
                table: "payout_file_items",
                column: "LiveRefundId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_payout_file_items_PaymentBlockId",
                table: "payout_file_items",
                column: "PaymentBlockId");

            migrationBuilder.CreateIndex(
                name: "IX_payout_file_items_RefundId",
                table: "payout_file_items",
                column: "RefundId");

            migrationBuilder.CreateIndex(
                name: "IX_payout_files_CreatedAt_Id",
                table: "payout_files",
                columns: new[] { "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_payout_files_MessageId",
                table: "payout_files",
                column: "MessageId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_payout_status_reports_ReceivedAt",
                table: "payout_status_reports",
                column: "ReceivedAt");

            migrationBuilder.CreateIndex(
                name: "IX_payout_status_reports_Sha256",
                table: "payout_status_reports",
                column: "Sha256",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "payout_file_contents");

            migrationBuilder.DropTable(
                name: "payout_file_items");

            migrationBuilder.DropTable(
                name: "payout_status_reports");

            migrationBuilder.DropTable(
                name: "payout_files");
        }
    }
}
