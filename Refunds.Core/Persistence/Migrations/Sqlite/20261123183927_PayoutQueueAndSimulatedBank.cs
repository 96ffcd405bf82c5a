using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Refunds.Core.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PayoutQueueAndSimulatedBank : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "NextPayoutAttemptAt",
                table: "refunds",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "PayoutAttempts",
                table: "refunds",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "PayoutLeaseOwner",
                table: "refunds",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "PayoutLeaseUntil",
                table: "refunds",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "simulated_bank_accounts",
                columns: table => new
                {
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    BalanceMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_simulated_bank_accounts", x => x.Currency);
                });

            migrationBuilder.CreateTable(
                name: "simulated_bank_payouts",
                columns: table => new
                {
                    Reference = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    BankReference = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    AmountMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    BeneficiaryName = table.Column<string>(type: "TEXT", maxLength: 140, nullable: false),
                    BeneficiaryIban = table.Column<string>(type: "TEXT", maxLength: 34, nullable: false),
                    ReceivedCount = table.Column<int>(type: "INTEGER", nullable: false),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    SettleAt = table.Column<long>(type: "INTEGER", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    FailureReason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    SettledAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_simulated_bank_payouts", x => x.Reference);
                });

            migrationBuilder.CreateIndex(
                name: "IX_refunds_Status_NextPayoutAttemptAt",
                table: "refunds",
                columns: new[] { "Status", "NextPayoutAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_simulated_bank_payouts_ReceivedAt",
                table: "simulated_bank_payouts",
                column: "ReceivedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "simulated_bank_accounts");

            migrationBuilder.DropTable(
                name: "simulated_bank_payouts");

            migrationBuilder.DropIndex(
                name: "IX_refunds_Status_NextPayoutAttemptAt",
                table: "refunds");

            migrationBuilder.DropColumn(
                name: "NextPayoutAttemptAt",
                table: "refunds");

            migrationBuilder.DropColumn(
                name: "PayoutAttempts",
                table: "refunds");

            migrationBuilder.DropColumn(
                name: "PayoutLeaseOwner",
                table: "refunds");

            migrationBuilder.DropColumn(
                name: "PayoutLeaseUntil",
                table: "refunds");
        }
    }
}
