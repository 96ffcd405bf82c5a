using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Refunds.Core.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ApprovalPolicy : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ApprovalPolicyVersion",
                table: "refunds",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ApprovalRole",
                table: "refunds",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ApprovalsRequired",
                table: "refunds",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.CreateTable(
                name: "approval_policies",
                columns: table => new
                {
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ProposedBy = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    ProposedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ProposedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    DecidedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Revision = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_approval_policies", x => x.Version);
                });

            migrationBuilder.CreateTable(
                name: "refund_approvals",
                columns: table => new
                {
                    By = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    RefundId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    ByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_refund_approvals", x => new { x.RefundId, x.By });
                    table.ForeignKey(
                        name: "FK_refund_approvals_refunds_RefundId",
                        column: x => x.RefundId,
                        principalTable: "refunds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "approval_policy_tiers",
                columns: table => new
                {
                    CurrencyCode = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    FromAmountMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    PolicyVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    Approvals = table.Column<int>(type: "INTEGER", nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_approval_policy_tiers", x => new { x.PolicyVersion, x.CurrencyCode, x.FromAmountMinor });
                    table.ForeignKey(
                        name: "FK_approval_policy_tiers_approval_policies_PolicyVersion",
                        column: x => x.PolicyVersion,
                        principalTable: "approval_policies",
                        principalColumn: "Version",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_approval_policies_Status_Version",
                table: "approval_policies",
                columns: new[] { "Status", "Version" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "approval_policy_tiers");

            migrationBuilder.DropTable(
                name: "refund_approvals");

            migrationBuilder.DropTable(
                name: "approval_policies");

            migrationBuilder.DropColumn(
                name: "ApprovalPolicyVersion",
                table: "refunds");

            migrationBuilder.DropColumn(
                name: "ApprovalRole",
                table: "refunds");

            migrationBuilder.DropColumn(
                name: "ApprovalsRequired",
                table: "refunds");
        }
    }
}
