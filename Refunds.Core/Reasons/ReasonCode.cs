namespace Refunds.Core.Reasons;

/// <summary>
/// Why a refund is made (CUSTOMER_REQUEST, ...). A deactivated code can no longer be chosen for new
/// refunds but stays valid on the refunds that already carry it.
/// </summary>
public sealed class ReasonCode
{
    private ReasonCode()
    {
        Code = null!;
        Description = null!;
    }

    internal ReasonCode(string code, string description)
    {
        Code = code;
        Description = description;
        IsActive = true;
    }

    public string Code { get; private set; }

    public string Description { get; private set; }

    public bool IsActive { get; private set; }

    internal void Deactivate() => IsActive = false;

    internal void Reactivate(string description)
    {
        Description = description;
        IsActive = true;
    }
}
