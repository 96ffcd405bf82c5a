namespace Refunds.Core.Persistence;

/// <summary>
/// One key of the dashboard's data-protection key ring (it protects session cookies and form
/// tokens), kept in the database so that restarts and other instances read the same ring.
/// </summary>
public sealed class DataProtectionKey
{
    private DataProtectionKey()
    {
        Xml = null!;
    }

    public DataProtectionKey(string? friendlyName, string xml)
    {
        FriendlyName = friendlyName;
        Xml = xml;
    }

    public int Id { get; private set; }

    public string? FriendlyName { get; private set; }

    public string Xml { get; private set; }
}
