using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Refunds.Core.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PayoutLeaseOwnedType : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The payout lease became an owned type on the columns it had: the model changed, the schema did not.
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
