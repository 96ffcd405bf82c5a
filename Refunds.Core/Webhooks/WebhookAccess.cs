using Refunds.Core.Access;

namespace Refunds.Core.Webhooks;

/// <summary>
/// Who may see and change which webhook endpoints. An integration works only on the endpoints it
/// registered: to it, another client's endpoint does not exist. Operators look after all of them: anyone
/// who may read refunds sees them; those who may manage webhooks switch them on and off and send again.
/// </summary>
public static class WebhookAccess
{
    /// <summary>The endpoints <paramref name="actor"/> may see, as a filter on their owners (null: all of them).</summary>
    internal static string? OwnerFilter(Actor actor)
    {
        if (actor.Kind == ActorKind.Integration)
        {
            actor.Require(Permission.ManageWebhooks, "manage webhooks");
            return actor.Id;
        }
        actor.Require(Permission.ReadRefunds, "see webhooks");
        return null;
    }

    /// <summary>Fails unless <paramref name="actor"/> may change endpoints it can see.</summary>
    internal static void RequireManage(Actor actor) => actor.Require(Permission.ManageWebhooks, "manage webhooks");

    /// <summary>Whether the dashboard offers <paramref name="actor"/> the buttons that change endpoints and deliveries.</summary>
    public static bool MayManage(Actor actor) => actor.Can(Permission.ManageWebhooks);

    internal static bool Sees(Actor actor, string ownerClientId) => OwnerFilter(actor) is not { } owner || owner == ownerClientId;
}
