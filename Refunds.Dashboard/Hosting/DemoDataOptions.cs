namespace Refunds.Dashboard.Hosting;

/// <summary>Section <c>DemoData</c>: whether an empty database is filled with demo payments and refunds at start.</summary>
public sealed class DemoDataOptions
{
    public const string Section = "DemoData";

    public bool Enabled { get; set; } = true;
}
