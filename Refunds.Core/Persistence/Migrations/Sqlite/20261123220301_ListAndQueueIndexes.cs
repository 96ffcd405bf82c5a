using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Refunds.Core.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ListAndQueueIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_refunds_CreatedAt",
                table: "refunds");

            migrationBuilder.DropIndex(
                name: "IX_refunds_Status_CreatedAt",
                table: "refunds");

            migrationBuilder.CreateIndex(
                name: "IX_refunds_CreatedAt_Id",
                table: "refunds",
                columns: new[] { "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_refunds_Status_CreatedAt_Id",
                table: "refunds",
                columns: new[] { "Status", "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_refunds_Status_UpdatedAt",
                table: "refunds",
                columns: new[] { "Status", "UpdatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_refunds_CreatedAt_Id",
                table: "refunds");

            migrationBuilder.DropIndex(
                name: "IX_refunds_Status_CreatedAt_Id",
                table: "refunds");

            migrationBuilder.DropIndex(
                name: "IX_refunds_Status_UpdatedAt",
                table: "refunds");

            migrationBuilder.CreateIndex(
                name: "IX_refunds_CreatedAt",
                table: "refunds",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_refunds_Status_CreatedAt",
                table: "refunds",
                columns: new[] { "Status", "CreatedAt" });
        }
    }
}
