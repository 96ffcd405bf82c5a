namespace Refunds.Core.Access;

/// <summary>Who is acting: a signed-in operator or an integration client, and what they may do.</summary>
/// <param name="Id">Stable identity recorded as maker or checker: a user's subject or a client id.</param>
/// <param name="DisplayName">What people read in lists and timelines.</param>
public sealed record Actor(string Id, string DisplayName, ActorKind Kind, Permission Permissions)
{
    /// <summary>The engine itself (the payout dispatcher, demo data): recorded on bank-driven status changes.</summary>
    public static Actor System { get; } = new("system", "System", ActorKind.System, Permission.None);

    public bool Can(Permission permission) => (Permissions & permission) == permission;

    /// <summary>Fails with OPERATION_NOT_ALLOWED unless the actor holds the permission.</summary>
    public void Require(Permission permission, string action)
    {
        if (!Can(permission))
            throw new RuleViolation(ErrorCode.OperationNotAllowed, $"Operation Not Allowed, {DisplayName} may not {action}.");
    }
}

public enum ActorKind
{
    Person,
    Integration,
    System,
}
