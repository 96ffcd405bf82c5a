/// <summary>The baseline's one table of refunds: each insert committed durably before it returns.</summary>
internal interface IRefundTable
{
    Task InsertAsync(Guid id, CreateRefundItem item, long createdAtTicks);
}
