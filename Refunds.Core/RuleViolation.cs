namespace Refunds.Core;

/// <summary>A request the engine refused. Nothing was written when one is thrown.</summary>
public class RuleViolation(ErrorCode code, string message) : Exception(message)
{
    public ErrorCode Code { get; } = code;
}

/// <summary>One item of a batch that broke a rule, by its position in the request.</summary>
public sealed record ItemViolation(int Index, ErrorCode Code, string Message);

/// <summary>A batch refused as a whole because at least one item broke a rule; lists every item that did.</summary>
public sealed class BatchViolation(IReadOnlyList<ItemViolation> items)
    : RuleViolation(items[0].Code, Describe(items))
{
    public IReadOnlyList<ItemViolation> Items { get; } = items;

    private static string Describe(IReadOnlyList<ItemViolation> items) =>
        items.Count == 1
            ? $"Item {items[0].Index}: {items[0].Message} Nothing was written."
            : $"{items.Count} items were refused (first, item {items[0].Index}: {items[0].Message}). Nothing was written.";
}
