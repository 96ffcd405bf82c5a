using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Refunds.Core.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class WebhookEventsAwaitingFanOutIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_webhook_events_AwaitsFanOut_Id",
                table: "webhook_events");

            migrationBuilder.CreateIndex(
                name: "IX_webhook_events_awaiting_fan_out",
                table: "webhook_events",
                column: "Id",
                filter: "\"AwaitsFanOut\"");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_webhook_events_awaiting_fan_out",
                table: "webhook_events");

            migrationBuilder.CreateIndex(
                name: "IX_webhook_events_AwaitsFanOut_Id",
                table: "webhook_events",
                columns: new[] { "AwaitsFanOut", "Id" });
        }
    }
}
