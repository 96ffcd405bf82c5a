namespace Refunds.Core.Webhooks;

/// <summary>What to change on an endpoint; a null field stays as it is.</summary>
public sealed record WebhookEndpointChange(string? Url = null, IReadOnlyList<string>? EventTypes = null, string? Description = null, bool? Enabled = null);
