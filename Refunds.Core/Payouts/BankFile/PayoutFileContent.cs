namespace Refunds.Core.Payouts.BankFile;

/// <summary>
/// A payout file's XML exactly as it was written (UTF-8 bytes). Kept apart from <see cref="PayoutFile"/>
/// so that lists and reports never load megabytes they do not show.
/// </summary>
public sealed class PayoutFileContent
{
    private PayoutFileContent() => Xml = null!;

    internal PayoutFileContent(Guid fileId, byte[] xml)
    {
        FileId = fileId;
        Xml = xml;
    }

    public Guid FileId { get; private set; }

    public byte[] Xml { get; private set; }
}
