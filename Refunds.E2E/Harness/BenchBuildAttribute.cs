namespace Refunds.E2E.Harness;

/// <summary>Where the build put the benchmark driver (bench/Refunds.Bench) this test assembly was built with.</summary>
[AttributeUsage(AttributeTargets.Assembly)]
public sealed class BenchBuildAttribute(string path) : Attribute
{
    public string Path { get; } = System.IO.Path.GetFullPath(path);
}
