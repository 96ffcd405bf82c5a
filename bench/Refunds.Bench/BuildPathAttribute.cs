using System.Reflection;

namespace Refunds.Bench;

/// <summary>Where the build put a file the driver runs (the app, the baseline, the wrk script).</summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
public sealed class BuildPathAttribute(string name, string path) : Attribute
{
    public string Name { get; } = name;

    public string Path { get; } = System.IO.Path.GetFullPath(path);

    public static string Of(string name) =>
        typeof(BuildPathAttribute).Assembly.GetCustomAttributes<BuildPathAttribute>().Single(a => a.Name == name).Path;

    public static string Configuration =>
        typeof(BuildPathAttribute).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "Configuration").Value!;
}
