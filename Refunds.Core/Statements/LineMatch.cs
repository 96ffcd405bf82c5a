namespace Refunds.Core.Statements;

/// <summary>What the matching rules made of one line, and why in words.</summary>
internal sealed record LineMatch(LineResult Result, Guid? PaymentId, IReadOnlyList<Guid> Candidates, string Reason)
{
    public static LineMatch Unmatched(string reason) => new(LineResult.Unmatched, null, [], reason);
}
